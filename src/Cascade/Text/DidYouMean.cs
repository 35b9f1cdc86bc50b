namespace Cascade.Text;

/// <summary>
/// "did you mean 'x'?" for a mistyped name: a spec key, an image, a platform, a Dockerfile instruction, a target or
/// a parameter. One rule for all of them: case is ignored, swapping two neighbours is one edit (bsae → base), roughly
/// one edit per three characters is allowed (at least one, at most three), and a name that starts with what was typed
/// (three characters or more) is a candidate too.
/// </summary>
internal static class DidYouMean
{
    /// <summary>" (did you mean 'x'?)" for the closest candidate, else "": the hint after a spec error.</summary>
    public static string Hint(string typed, IEnumerable<string> candidates) =>
        Closest(typed, candidates, 1) is [var best] ? $" (did you mean '{best}'?)" : "";

    /// <summary>" Did you mean 'a' or 'b'?" (up to three), else "": the sentence after a command-line error.
    /// <paramref name="key"/> is what names are compared by (e.g. without dashes); <paramref name="show"/> how one is printed.</summary>
    public static string Sentence(string typed, IEnumerable<string> candidates, Func<string, string>? key = null, Func<string, string>? show = null)
    {
        var found = Closest(typed, candidates, 3, key);
        if (found.Count == 0) return "";
        show ??= s => s;
        return " Did you mean " + string.Join(" or ", found.Select(f => $"'{show(f)}'")) + "?";
    }

    /// <summary>Up to <paramref name="max"/> candidates within the limit, closest first (ties by name).</summary>
    public static IReadOnlyList<string> Closest(string typed, IEnumerable<string> candidates, int max, Func<string, string>? key = null)
    {
        key ??= s => s;
        var wanted = key(typed);
        var limit = Limit(wanted);
        var found = new List<(string Name, int Distance)>();
        foreach (var candidate in candidates)
        {
            var name = key(candidate);
            if (Extends(name, wanted)) found.Add((candidate, Distance(wanted, name, limit)));
            // Cheap filter first: lengths further apart than the limit cannot be close (keeps 5,000-name stacks fast).
            else if (Math.Abs(name.Length - wanted.Length) <= limit && Distance(wanted, name, limit) is var d && d <= limit)
                found.Add((candidate, d));
        }
        return found.OrderBy(f => f.Distance).ThenBy(f => f.Name, StringComparer.Ordinal).Take(max).Select(f => f.Name).ToList();
    }

    /// <summary>Roughly one edit per three characters, at least one and at most three.</summary>
    internal static int Limit(string typed) => Math.Clamp(typed.Length / 3, 1, 3);

    private static bool Extends(string name, string typed) =>
        typed.Length >= 3 && name.Length > typed.Length && name.StartsWith(typed, StringComparison.OrdinalIgnoreCase);

    /// <summary>Case-insensitive edit distance where swapping two neighbours counts as one edit (bsae → base),
    /// giving up (returning limit+1) once every path exceeds the limit.</summary>
    internal static int Distance(string a, string b, int limit)
    {
        var beforePrevious = new int[b.Length + 1];
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = Same(a[i - 1], b[j - 1]) ? 0 : 1;
                current[j] = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && Same(a[i - 1], b[j - 2]) && Same(a[i - 2], b[j - 1]))
                    current[j] = Math.Min(current[j], beforePrevious[j - 2] + 1);
                rowMin = Math.Min(rowMin, current[j]);
            }
            if (rowMin > limit) return limit + 1;
            (beforePrevious, previous, current) = (previous, current, beforePrevious);
        }
        return previous[b.Length];
    }

    private static bool Same(char x, char y) => char.ToLowerInvariant(x) == char.ToLowerInvariant(y);
}
