using System.Text;

namespace Cascade.Stacks.Dockerfiles;

/// <summary>
/// Expands Dockerfile variables ($NAME, ${NAME}, ${NAME:-word}, ${NAME:+word}) from ARG defaults.
/// A variable without a known value (declared without default: a build arg Cascade or the user passes)
/// stays visibly open as <see cref="Open"/>NAME<see cref="Open"/>, so callers can tell it apart.
/// </summary>
internal static class ArgExpander
{
    public const char Open = '\u0001';

    /// <summary>ARGs BuildKit declares in the global scope by itself, usable in FROM without an ARG line.</summary>
    public static readonly IReadOnlySet<string> Predefined = new HashSet<string>(StringComparer.Ordinal)
    {
        "BUILDPLATFORM", "BUILDOS", "BUILDARCH", "BUILDVARIANT",
        "TARGETPLATFORM", "TARGETOS", "TARGETARCH", "TARGETVARIANT",
    };

    /// <param name="args">Declared ARGs: name to default value, or null when declared without one.</param>
    /// <param name="undeclared">Receives names used but never declared (Docker substitutes "" for them).</param>
    public static string Expand(string text, IReadOnlyDictionary<string, string?> args, ICollection<string> undeclared)
    {
        if (!text.Contains('$')) return text;
        var sb = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            var ch = text[i];
            if (ch == '\\' && i + 1 < text.Length && text[i + 1] == '$') { sb.Append('$'); i += 2; continue; }
            if (ch != '$' || i + 1 >= text.Length) { sb.Append(ch); i++; continue; }

            string name;
            string? op = null, word = null;
            if (text[i + 1] == '{')
            {
                var close = text.IndexOf('}', i + 2);
                if (close < 0) { sb.Append(text, i, text.Length - i); break; }
                var inner = text[(i + 2)..close];
                var colon = inner.IndexOf(':');
                name = colon < 0 ? inner : inner[..colon];
                if (colon >= 0 && colon + 1 < inner.Length)
                {
                    op = inner[colon..(colon + 2)];
                    word = inner[(colon + 2)..];
                }
                i = close + 1;
            }
            else
            {
                var start = i + 1;
                var end = start;
                while (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] == '_')) end++;
                if (end == start) { sb.Append('$'); i++; continue; }
                name = text[start..end];
                i = end;
            }

            var declared = args.TryGetValue(name, out var value) || Predefined.Contains(name);
            if (!declared) undeclared.Add(name);
            var known = declared && value is not null;
            switch (op)
            {
                case ":-" when !known || value!.Length == 0:
                    // Unknown at check time: a build arg may still set it, so the default is only a guess.
                    if (declared && !known) sb.Append(Open).Append(name).Append(Open);
                    else sb.Append(Expand(word!, args, undeclared));
                    break;
                case ":+":
                    if (known && value!.Length > 0) sb.Append(Expand(word!, args, undeclared));
                    else if (declared && !known) sb.Append(Open).Append(name).Append(Open);
                    break;
                default:
                    if (known) sb.Append(value);
                    else if (declared) sb.Append(Open).Append(name).Append(Open);
                    break;
            }
        }
        return sb.ToString();
    }
}
