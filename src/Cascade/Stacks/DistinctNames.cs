namespace Cascade.Stacks;

/// <summary>
/// Names without repeats, first occurrence kept, compared ordinally. Parent lists hold one to a few names,
/// and LINQ's Distinct builds a hash set for each: on a 5,000-image stack, tens of thousands of them per run.
/// A linear scan is cheaper below a handful of names; longer lists still get the hash set.
/// </summary>
internal static class DistinctNames
{
    private const int LinearLimit = 8;

    public static List<string> Of(IReadOnlyList<string> names)
    {
        if (names.Count > LinearLimit) return names.Distinct(StringComparer.Ordinal).ToList();
        var result = new List<string>(names.Count);
        foreach (var name in names)
            if (!Contains(result, name)) result.Add(name);
        return result;
    }

    private static bool Contains(List<string> list, string name)
    {
        foreach (var item in list)
            if (string.Equals(item, name, StringComparison.Ordinal)) return true;
        return false;
    }
}
