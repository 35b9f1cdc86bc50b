namespace Cascade.Changes;

/// <summary>Repository-relative paths: '/' separators, no leading "./", "" for the root.</summary>
internal static class RepoPath
{
    /// <summary>Joins <paramref name="relative"/> (which may hold "." and "..") onto <paramref name="baseDir"/>.
    /// Returns null when the result would leave the repository.</summary>
    public static string? Combine(string baseDir, string relative)
    {
        var parts = new List<string>();
        foreach (var segment in (baseDir + "/" + relative.Replace('\\', '/')).Split('/'))
        {
            if (segment is "" or ".") continue;
            if (segment == "..")
            {
                if (parts.Count == 0) return null;
                parts.RemoveAt(parts.Count - 1);
            }
            else parts.Add(segment);
        }
        return string.Join('/', parts);
    }

    public static string Normalize(string path) =>
        // git already gives clean paths; only rebuild the odd one (hand-made change sets, Windows input).
        path.Contains('\\') || path.Contains("//") || path.StartsWith('/') || path.EndsWith('/') ||
        path.StartsWith("./", StringComparison.Ordinal) || path.Contains("/.")
            ? Combine("", path) ?? path
            : path;

    /// <summary>The part of <paramref name="path"/> below <paramref name="folder"/>, or null when it is not below it.</summary>
    public static string? Below(string folder, string path)
    {
        if (folder.Length == 0) return path;
        if (path.Length > folder.Length && path[folder.Length] == '/' && path.StartsWith(folder, StringComparison.Ordinal))
            return path[(folder.Length + 1)..];
        return null;
    }

    /// <summary>The path itself, then each parent folder up to and including the root "".</summary>
    public static IEnumerable<string> SelfAndParents(string path)
    {
        yield return path;
        for (var i = path.LastIndexOf('/'); i >= 0; i = path.LastIndexOf('/', i - 1))
        {
            yield return path[..i];
            if (i == 0) break;
        }
        if (path.Length > 0) yield return "";
    }

    public static string FirstSegment(string path)
    {
        var i = path.IndexOf('/');
        return i < 0 ? path : path[..i];
    }
}
