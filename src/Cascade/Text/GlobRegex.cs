using System.Text;
using System.Text.RegularExpressions;

namespace Cascade.Text;

/// <summary>
/// Path globs as regular expressions, for watch globs and .dockerignore patterns alike (moby/patternmatcher's rules):
/// `*` and `?` stay inside one folder, `**` crosses folders (`**/` also none, a trailing `**` everything), `[abc]` and
/// `[!abc]` are classes, a backslash escapes the next character. Watch globs also take shells' `{a,b}`; Docker does not.
/// </summary>
internal static class GlobRegex
{
    /// <summary>"^…" without the end: the caller says whether paths below a match match too.</summary>
    public static string Translate(string pattern, bool braces)
    {
        var sb = new StringBuilder("^");
        var open = 0;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            switch (c)
            {
                case '*' when i + 1 < pattern.Length && pattern[i + 1] == '*': i = DoubleStar(pattern, i, sb); break;
                case '*': sb.Append("[^/]*"); break;
                case '?': sb.Append("[^/]"); break;
                case '\\' when i + 1 < pattern.Length: sb.Append(Regex.Escape(pattern[++i].ToString())); break;
                case '[': i = CharacterClass(pattern, i, sb); break;
                case '{' when braces: open++; sb.Append("(?:"); break;
                case '}' when open > 0: open--; sb.Append(')'); break;
                case ',' when open > 0: sb.Append('|'); break;
                default: sb.Append(Regex.Escape(c.ToString())); break;
            }
        }
        return sb.ToString();
    }

    /// <summary>Where the first wildcard is (-1: none): every path the pattern matches starts with what comes before it.</summary>
    public static int FirstWildcard(string pattern, bool braces) =>
        pattern.IndexOfAny(braces ? ['*', '?', '[', '\\', '{'] : ['*', '?', '[', '\\']);

    // "**/" is any number of folders, none included; "**" at the end is anything; elsewhere any folders then the rest.
    private static int DoubleStar(string pattern, int i, StringBuilder sb)
    {
        i++;
        if (i + 1 < pattern.Length && pattern[i + 1] == '/') i++;
        sb.Append(i + 1 >= pattern.Length ? ".*" : "(.*/)?");
        return i;
    }

    // A class passes through as a regex class ("!" negates, as in Go); a "]" right after "[" belongs to the class.
    private static int CharacterClass(string pattern, int i, StringBuilder sb)
    {
        var close = i + 2 < pattern.Length ? pattern.IndexOf(']', i + 2) : -1;
        if (close < 0)
        {
            sb.Append(@"\[");
            return i;
        }
        var body = pattern[(i + 1)..close];
        if (body.StartsWith('!')) body = "^" + body[1..];
        sb.Append('[').Append(body.Replace(@"\", @"\\")).Append(']');
        return close;
    }
}
