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
            var next = Read(text, i, out var variable);
            if (variable is null) sb.Append(text, i, next - i);
            else Substitute(sb, variable, args, undeclared);
            i = next;
        }
        return sb.ToString();
    }

    /// <summary>$NAME, ${NAME}, or ${NAME:-word} / ${NAME:+word} with its operator and word.</summary>
    private sealed record Variable(string Name, string? Op, string? Word);

    /// <summary>Reads the variable whose '$' is at <paramref name="i"/>; returns the index after it. No variable
    /// (a lone '$', an unclosed brace): null, and the text up to the returned index stays as it is.</summary>
    private static int Read(string text, int i, out Variable? variable)
    {
        variable = null;
        if (text[i + 1] != '{')
        {
            var start = i + 1;
            var end = start;
            while (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] == '_')) end++;
            if (end == start) return i + 1;
            variable = new Variable(text[start..end], null, null);
            return end;
        }
        var close = text.IndexOf('}', i + 2);
        if (close < 0) return text.Length;
        var inner = text[(i + 2)..close];
        var colon = inner.IndexOf(':');
        variable = colon >= 0 && colon + 1 < inner.Length
            ? new Variable(inner[..colon], inner[colon..(colon + 2)], inner[(colon + 2)..])
            : new Variable(colon < 0 ? inner : inner[..colon], null, null);
        return close + 1;
    }

    private static void Substitute(StringBuilder sb, Variable variable, IReadOnlyDictionary<string, string?> args, ICollection<string> undeclared)
    {
        var (name, op, word) = variable;
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
}
