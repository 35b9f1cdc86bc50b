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
            var instruction = ReadInstruction(lines, ref i, indent, escape);
            result.Add(instruction);
            if (instruction.Keyword is "RUN" or "COPY" or "ADD" && instruction.Text.Contains("<<", StringComparison.Ordinal))
                i = SkipHeredocs(instruction.Text, lines, i);
        }
        return result;
    }

    /// <summary>The instruction starting at line <paramref name="i"/>, joined over its continuation lines (each piece
    /// remembers where it came from); <paramref name="i"/> moves past it.</summary>
    private static DockerfileInstruction ReadInstruction(string[] lines, ref int i, int indent, char escape)
    {
        var joined = new StringBuilder();
        var pieces = new List<(int, int, int)>();
        var content = lines[i][indent..];
        while (true)
        {
            pieces.Add((joined.Length, i + 1, indent + 1));
            var continued = EndsWithEscape(content, escape, out var kept);
            joined.Append(kept);
            i++;
            if (!continued) break;
            // Inside a continuation, BuildKit drops comment lines and blank lines.
            while (i < lines.Length && IsBlankOrComment(lines[i])) i++;
            if (i >= lines.Length) break;
            indent = 0;
            content = lines[i];
        }
        var text = joined.ToString();
        var keywordEnd = 0;
        while (keywordEnd < text.Length && !char.IsWhiteSpace(text[keywordEnd])) keywordEnd++;
        return new DockerfileInstruction(text[..keywordEnd].ToUpperInvariant(), text, [.. pieces]);
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
