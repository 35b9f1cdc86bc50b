using System.Text;
using System.Text.RegularExpressions;

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
        regex = new Regex(ToRegex(normal), RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture);
    }

    public string Pattern { get; }

    /// <summary>The folders before the first wildcard (the whole pattern when it has none): every path
    /// this glob matches lies at or below it, which lets an index try only the globs that can match.</summary>
    public string LiteralPrefix { get; }

    public bool IsMatch(string path) => regex.IsMatch(path);

    public override string ToString() => Pattern;

    private static string ComputeLiteralPrefix(string pattern)
    {
        var firstWild = pattern.IndexOfAny(['*', '?', '[', '{']);
        if (firstWild < 0) return pattern;
        var slash = pattern.LastIndexOf('/', firstWild);
        return slash < 0 ? "" : pattern[..slash];
    }

    private static string ToRegex(string p)
    {
        var sb = new StringBuilder("^");
        var braces = 0;
        for (var i = 0; i < p.Length; i++)
        {
            var c = p[i];
            switch (c)
            {
                case '*' when i + 1 < p.Length && p[i + 1] == '*':
                    var atSegmentStart = i == 0 || p[i - 1] == '/';
                    var atSegmentEnd = i + 2 == p.Length || p[i + 2] == '/';
                    if (atSegmentStart && atSegmentEnd && i + 2 < p.Length)
                    {
                        sb.Append("(.*/)?"); // "**/" : zero or more folders
                        i += 2;
                    }
                    else
                    {
                        sb.Append(".*");
                        i += 1;
                    }
                    break;
                case '*': sb.Append("[^/]*"); break;
                case '?': sb.Append("[^/]"); break;
                case '[':
                    var close = p.IndexOf(']', i + 2);
                    if (close < 0) { sb.Append(@"\["); break; }
                    var body = p[(i + 1)..close];
                    if (body.StartsWith('!')) body = "^" + body[1..];
                    sb.Append('[').Append(body.Replace(@"\", @"\\")).Append(']');
                    i = close;
                    break;
                case '{': braces++; sb.Append("(?:"); break;
                case '}' when braces > 0: braces--; sb.Append(')'); break;
                case ',' when braces > 0: sb.Append('|'); break;
                default: sb.Append(Regex.Escape(c.ToString())); break;
            }
        }
        // The path itself, or anything below it when the glob names a folder.
        sb.Append("(/.*)?$");
        return sb.ToString();
    }
}
