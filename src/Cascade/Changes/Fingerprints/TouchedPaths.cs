namespace Cascade.Changes.Fingerprints;

/// <summary>
/// The paths `git status` lists (stack-relative; an untracked or ignored folder ends in '/'), indexed so
/// that asking about one context or one file costs a binary search and a few set lookups, not a pass over
/// every entry: an uncommitted change of 50,000 files would otherwise be read once per image and per file.
/// </summary>
internal sealed class TouchedPaths
{
    private readonly string[] sorted;
    private readonly Dictionary<string, bool> ignoredByPath;

    public TouchedPaths(IEnumerable<(string Path, bool Ignored)> entries)
    {
        ignoredByPath = new Dictionary<string, bool>(StringComparer.Ordinal);
        // A path listed twice (a rename's old side, say) is a real change if either listing says so.
        foreach (var (path, ignored) in entries)
            ignoredByPath[path] = ignoredByPath.TryGetValue(path, out var before) ? before && ignored : ignored;
        sorted = ignoredByPath.Keys.Order(StringComparer.Ordinal).ToArray();
    }

    /// <summary>Whether any entry lies in <paramref name="folder"/> ("" is the stack folder), or the folder lies
    /// inside an untracked or ignored folder; Dirty when one of them is not merely ignored.</summary>
    public (bool Touched, bool Dirty) Under(string folder)
    {
        bool any = false, dirty = false;
        void Count(string path) { any = true; dirty |= !ignoredByPath[path]; }

        if (folder.Length == 0)
        {
            foreach (var path in sorted) Count(path);
            return (any, dirty);
        }
        if (ignoredByPath.ContainsKey(folder)) Count(folder);
        var inside = folder + "/";
        for (var i = LowerBound(inside); i < sorted.Length && sorted[i].StartsWith(inside, StringComparison.Ordinal); i++)
            Count(sorted[i]);
        foreach (var enclosing in EnclosingFolders(folder))
            if (ignoredByPath.ContainsKey(enclosing)) Count(enclosing);
        return (any, dirty);
    }

    /// <summary>Whether the file itself, or a folder around it, is listed.</summary>
    public bool Covers(string path) =>
        ignoredByPath.ContainsKey(path) || EnclosingFolders(path).Any(ignoredByPath.ContainsKey);

    /// <summary>Whether git ignores the file: it, or a folder around it, is listed as ignored.</summary>
    public bool IsIgnored(string path) =>
        ignoredByPath.GetValueOrDefault(path) || EnclosingFolders(path).Any(f => ignoredByPath.GetValueOrDefault(f));

    // "a/b/c" → "a/", "a/b/": the forms git gives an untracked or ignored folder.
    private static IEnumerable<string> EnclosingFolders(string path)
    {
        for (var slash = path.IndexOf('/'); slash >= 0; slash = path.IndexOf('/', slash + 1))
            yield return path[..(slash + 1)];
    }

    private int LowerBound(string value)
    {
        int low = 0, high = sorted.Length;
        while (low < high)
        {
            var mid = (low + high) / 2;
            if (string.CompareOrdinal(sorted[mid], value) < 0) low = mid + 1; else high = mid;
        }
        return low;
    }
}
