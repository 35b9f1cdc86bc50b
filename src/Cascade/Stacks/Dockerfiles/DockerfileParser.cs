using System.Text;
using System.Text.RegularExpressions;

namespace Cascade.Stacks.Dockerfiles;

/// <summary>
/// Splits a Dockerfile into instructions the way BuildKit does, as far as finding base images needs:
/// the `# escape=` directive, line continuations (comment and blank lines inside them dropped),
/// comments, case-insensitive keywords, and heredocs (whose bodies are not instructions).
/// </summary>
internal static class DockerfileParser
{
    private static readonly Regex Directive = new(@"^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(\S+)\s*$", RegexOptions.CultureInvariant);
    private static readonly Regex Heredoc = new(@"<<(-?)([""']?)([A-Za-z_][A-Za-z0-9_]*)\2", RegexOptions.CultureInvariant);

    public static IReadOnlyList<DockerfileInstruction> Parse(string text)
    {
        var lines = text.Split('\n');
        for (var k = 0; k < lines.Length; k++)
            if (lines[k].EndsWith('\r')) lines[k] = lines[k][..^1];

        var escape = EscapeDirective(lines);
        var result = new List<DockerfileInstruction>();
        var i = 0;
        while (i < lines.Length)
        {
            var line = lines[i];
            var indent = LeadingWhitespace(line);
            if (indent == line.Length || line[indent] == '#') { i++; continue; }

            var text1 = new StringBuilder();
            var pieces = new List<(int, int, int)>();
            var content = line[indent..];
            while (true)
            {
                pieces.Add((text1.Length, i + 1, indent + 1));
                var continued = EndsWithEscape(content, escape, out var kept);
                text1.Append(kept);
                i++;
                if (!continued) break;
                // Inside a continuation, BuildKit drops comment lines and blank lines.
                while (i < lines.Length && IsBlankOrComment(lines[i])) i++;
                if (i >= lines.Length) break;
                indent = 0;
                content = lines[i];
            }

            var joined = text1.ToString();
            var keywordEnd = 0;
            while (keywordEnd < joined.Length && !char.IsWhiteSpace(joined[keywordEnd])) keywordEnd++;
            var keyword = joined[..keywordEnd].ToUpperInvariant();
            result.Add(new DockerfileInstruction(keyword, joined, [.. pieces]));

            if (keyword is "RUN" or "COPY" or "ADD" && joined.Contains("<<", StringComparison.Ordinal)) i = SkipHeredocs(joined, lines, i);
        }
        return result;
    }

    private static char EscapeDirective(string[] lines)
    {
        // Parser directives only count at the very top, before any blank line, comment or instruction.
        foreach (var line in lines)
        {
            if (!line.AsSpan().TrimStart().StartsWith('#')) break; // no regex for the usual first line
            var m = Directive.Match(line.Trim());
            if (!m.Success) break;
            if (m.Groups[1].Value.Equals("escape", StringComparison.OrdinalIgnoreCase) && m.Groups[2].Value is "`" or "\\")
                return m.Groups[2].Value[0];
        }
        return '\\';
    }

    /// <summary>Whether the line continues on the next (escape char last, trailing blanks allowed).</summary>
    private static bool EndsWithEscape(string content, char escape, out string kept)
    {
        var end = content.Length;
        while (end > 0 && content[end - 1] is ' ' or '\t') end--;
        if (end > 0 && content[end - 1] == escape)
        {
            kept = content[..(end - 1)];
            return true;
        }
        kept = content;
        return false;
    }

    private static int SkipHeredocs(string instruction, string[] lines, int next)
    {
        foreach (Match m in Heredoc.Matches(instruction))
        {
            var stripTabs = m.Groups[1].Value == "-";
            var word = m.Groups[3].Value;
            while (next < lines.Length)
            {
                var candidate = stripTabs ? lines[next].TrimStart('\t') : lines[next];
                next++;
                if (candidate == word) break;
            }
        }
        return next;
    }

    private static bool IsBlankOrComment(string line)
    {
        var t = line.TrimStart();
        return t.Length == 0 || t[0] == '#';
    }

    private static int LeadingWhitespace(string line)
    {
        var i = 0;
        while (i < line.Length && char.IsWhiteSpace(line[i])) i++;
        return i;
    }
}
