namespace Cascade.Stacks;

/// <summary>"did you mean 'x'?" hints for misspelt keys and image names.</summary>
internal static class DidYouMean
{
    /// <summary>" (did you mean 'x'?)" for the closest candidate within a small edit distance, else "".</summary>
    public static string Hint(string typed, IEnumerable<string> candidates)
    {
        var best = Closest(typed, candidates);
        return best is null ? "" : $" (did you mean '{best}'?)";
    }

    public static string? Closest(string typed, IEnumerable<string> candidates)
    {
        // Allow roughly one edit per three characters, at least one and at most three.
        var limit = Math.Clamp(typed.Length / 3, 1, 3);
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            // Cheap filter first: lengths further apart than the limit cannot be close (keeps 5,000-name stacks fast).
            if (Math.Abs(candidate.Length - typed.Length) > limit) continue;
            var d = Distance(typed, candidate, limit);
            if (d < bestDistance) (best, bestDistance) = (candidate, d);
        }
        return bestDistance <= limit ? best : null;
    }

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
