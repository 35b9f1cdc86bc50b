namespace Cascade.Engine.Internal;

/// <summary>"Did you mean …?" for a mistyped target or parameter, by edit distance.</summary>
internal static class Suggestions
{
    public static IReadOnlyList<string> Closest(string typed, IEnumerable<string> candidates, int max = 3)
    {
        var wanted = Naming.Normalize(typed);
        // Allow roughly one typo per three characters, at least two: "biuld" finds "Build", "x" finds nothing silly.
        var limit = Math.Max(2, wanted.Length / 3);
        return candidates
            .Select(c => (Name: c, Distance: Distance(wanted, Naming.Normalize(c))))
            .Where(c => c.Distance <= limit || Naming.Normalize(c.Name).StartsWith(wanted, StringComparison.Ordinal) && wanted.Length >= 3)
            .OrderBy(c => c.Distance).ThenBy(c => c.Name, StringComparer.Ordinal)
            .Take(max)
            .Select(c => c.Name)
            .ToList();
    }

    /// <summary>" Did you mean 'a' or 'b'?" or the empty string.</summary>
    public static string DidYouMean(string typed, IEnumerable<string> candidates, Func<string, string>? show = null)
    {
        var found = Closest(typed, candidates);
        if (found.Count == 0) return "";
        show ??= s => s;
        return " Did you mean " + string.Join(" or ", found.Select(f => $"'{show(f)}'")) + "?";
    }

    public static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
