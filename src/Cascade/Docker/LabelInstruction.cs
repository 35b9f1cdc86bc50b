using System.Text;

namespace Cascade.Docker;

/// <summary>
/// Labels as one Dockerfile instruction, `LABEL "k"="v" …`, in key order: one build step whatever their
/// number, and the same text for the same labels, so the step is taken from the cache. Values are quoted
/// with the Dockerfile's escape character (`# escape=` directive, default backslash); `$` is escaped too,
/// as LABEL expands variables.
/// </summary>
internal static class LabelInstruction
{
    public static string For(IReadOnlyDictionary<string, string> labels, string dockerfileText)
    {
        var escape = EscapeCharacter(dockerfileText);
        var sb = new StringBuilder("LABEL");
        foreach (var (key, value) in labels.OrderBy(l => l.Key, StringComparer.Ordinal))
            sb.Append(' ').Append(Quote(key, escape)).Append('=').Append(Quote(value, escape));
        return sb.ToString();
    }

    private static string Quote(string text, char escape)
    {
        var sb = new StringBuilder(text.Length + 2).Append('"');
        foreach (var ch in text)
        {
            if (ch is '"' or '$' || ch == escape) sb.Append(escape);
            sb.Append(ch is '\n' or '\r' ? ' ' : ch);
        }
        return sb.Append('"').ToString();
    }

    // Parser directives are comment lines at the very top: `# escape=`` `.
    private static char EscapeCharacter(string dockerfileText)
    {
        foreach (var raw in dockerfileText.Split('\n'))
        {
            var line = raw.Trim();
            if (!line.StartsWith('#')) break;
            var body = line[1..].Replace(" ", "");
            if (body.StartsWith("escape=", StringComparison.OrdinalIgnoreCase) && body.Length > "escape=".Length)
                return body["escape=".Length];
        }
        return '\\';
    }
}
