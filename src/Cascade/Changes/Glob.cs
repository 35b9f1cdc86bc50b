using System.Text.RegularExpressions;
using Cascade.Text;

namespace Cascade.Changes;

/// <summary>
/// A path glob, compiled once: `*` and `?` stay inside one folder, `**` crosses folders, `[abc]` and
/// `{a,b}` work as in shells. A glob that names a folder also matches everything below it, so
/// `watch: [shared/python]` means the whole folder, as users expect.
/// </summary>
internal sealed class Glob
{
    private readonly Regex regex;

    public Glob(string pattern)
    {
        Pattern = pattern;
        var normal = pattern.Replace('\\', '/').Trim();
        if (normal.StartsWith("./", StringComparison.Ordinal)) normal = normal[2..];
        normal = normal.TrimStart('/').TrimEnd('/');
        LiteralPrefix = ComputeLiteralPrefix(normal);
        // The interpreter, not RegexOptions.Compiled: thousands of watch globs must compile in milliseconds.
        // The path itself, or anything below it when the glob names a folder.
        regex = new Regex(GlobRegex.Translate(normal, braces: true) + "(/.*)?$", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture);
    }

    public string Pattern { get; }

    /// <summary>The folders before the first wildcard (the whole pattern when it has none): every path
    /// this glob matches lies at or below it, which lets an index try only the globs that can match.</summary>
    public string LiteralPrefix { get; }

    public bool IsMatch(string path) => regex.IsMatch(path);

    public override string ToString() => Pattern;

    private static string ComputeLiteralPrefix(string pattern)
    {
        var firstWild = GlobRegex.FirstWildcard(pattern, braces: true);
        if (firstWild < 0) return pattern;
        var slash = pattern.LastIndexOf('/', firstWild);
        return slash < 0 ? "" : pattern[..slash];
    }
}
