using YamlDotNet.Core;

namespace Cascade.Stacks.Yaml;

/// <summary>
/// A fast path for the plainest YAML: block mappings of plain keys whose values are nested mappings or
/// one-line scalars (plain, or quoted without escapes), and whole-line comments. That is how a generated
/// or a long hand-kept spec.yml mostly looks, and YamlDotNet's general scanner spends ~100 ms on the
/// 400 KB of a 5,000-image spec. Anything else (lists, flow style, anchors, block scalars, comments after
/// a value, tabs, empty values, a doubtful character) makes <see cref="TryRead"/> return null, and the
/// caller reads the text with YamlDotNet as before: same tree, same errors. Tests hold the two readers
/// to the same tree, position for position, on every spec either can read.
/// </summary>
internal sealed class BlockYamlReader
{
    private readonly string text;
    private int position;   // start of the current line
    private int lineNumber; // 1-based number of the current line

    private BlockYamlReader(string text)
    {
        this.text = text;
        lineNumber = 1;
    }

    /// <summary>The tree, or null when the text is not in the plain form this reader takes.</summary>
    public static YamlTreeNode? TryRead(string text)
    {
        if (text.Length == 0 || HasSpecialCharacters(text)) return null;
        var reader = new BlockYamlReader(text);
        if (!reader.SkipBlankLines() || reader.Indent() != 0) return null;
        var root = reader.Mapping(0);
        // Everything must have been read: a less indented or unreadable line stops the mapping early.
        return root is not null && !reader.SkipBlankLines() ? root : null;
    }

    // Tabs, other line breaks, control characters, a BOM, surrogates and non-characters each have rules of their own.
    private static bool HasSpecialCharacters(string text)
    {
        var span = text.AsSpan();
        return span.IndexOfAnyInRange('\u0000', '\u0009') >= 0 || span.IndexOfAnyInRange('\u000B', '\u001F') >= 0 ||
               span.IndexOfAnyInRange('\u007F', '\u009F') >= 0 || span.IndexOfAnyInRange('\uD800', '\uDFFF') >= 0 ||
               span.IndexOfAny("\u2028\u2029\uFEFF\uFFFE\uFFFF") >= 0;
    }

    private ReadOnlySpan<char> Line()
    {
        var end = text.IndexOf('\n', position);
        return text.AsSpan(position, (end < 0 ? text.Length : end) - position);
    }

    private void NextLine()
    {
        var end = text.IndexOf('\n', position);
        position = end < 0 ? text.Length : end + 1;
        lineNumber++;
    }

    private int Indent()
    {
        var line = Line();
        return line.Length - line.TrimStart(' ').Length;
    }

    /// <summary>Skips blank and comment lines; false at the end of the text.</summary>
    private bool SkipBlankLines()
    {
        while (position < text.Length)
        {
            var content = Line().TrimStart(' ');
            if (content.Length > 0 && content[0] != '#') return true;
            NextLine();
        }
        return false;
    }

    private YamlTreeMapping? Mapping(int indent)
    {
        var entries = new List<YamlTreeEntry>();
        int line = lineNumber, column = indent + 1;
        while (SkipBlankLines())
        {
            var at = Indent();
            if (at < indent) break;
            if (at > indent) return null;
            var content = Line()[indent..];
            var colon = KeyLength(content);
            if (colon <= 0) return null;
            var key = new YamlTreeScalar(lineNumber, indent + 1, content[..colon].ToString(), ScalarStyle.Plain, null);
            var rest = content[(colon + 1)..];
            var valueOffset = rest.Length - rest.TrimStart(' ').Length;
            rest = rest.TrimEnd(' ');
            YamlTreeNode? value;
            if (valueOffset >= rest.Length)
            {
                // `key:` alone: a nested mapping must follow, more indented (an empty value is left to YamlDotNet).
                NextLine();
                if (!SkipBlankLines() || Indent() <= indent) return null;
                value = Mapping(Indent());
            }
            else
            {
                value = Scalar(rest[valueOffset..], lineNumber, indent + 1 + colon + 1 + valueOffset);
                NextLine();
            }
            if (value is null) return null;
            entries.Add(new YamlTreeEntry(key, value));
        }
        return entries.Count == 0 ? null : new YamlTreeMapping(line, column, entries);
    }

    /// <summary>Length of a plain key followed by ':' and a space or the line end; 0 when the line is not that.</summary>
    private static int KeyLength(ReadOnlySpan<char> content)
    {
        if (content.IsEmpty || !(char.IsAsciiLetterOrDigit(content[0]) || content[0] is '_' or '$')) return 0;
        var i = 1;
        while (i < content.Length && (char.IsAsciiLetterOrDigit(content[i]) || content[i] is '_' or '-' or '.' or '$' or '/')) i++;
        if (i >= content.Length || content[i] != ':') return 0;
        return i + 1 == content.Length || content[i + 1] == ' ' ? i : 0;
    }

    /// <summary>A one-line list of names, `[a, b]`: each item a plain name (letters, digits, '-', '_', '.', '/').</summary>
    private static YamlTreeSequence? FlowList(ReadOnlySpan<char> value, int line, int column)
    {
        if (value[^1] != ']') return null;
        var items = new List<YamlTreeNode>();
        var i = 1;
        while (true)
        {
            while (i < value.Length && value[i] == ' ') i++;
            if (i == value.Length - 1 && items.Count == 0) break; // []
            var start = i;
            if (i >= value.Length || !char.IsAsciiLetterOrDigit(value[i])) return null;
            while (i < value.Length && (char.IsAsciiLetterOrDigit(value[i]) || value[i] is '-' or '_' or '.' or '/')) i++;
            items.Add(new YamlTreeScalar(line, column + start, value[start..i].ToString(), ScalarStyle.Plain, null));
            while (i < value.Length && value[i] == ' ') i++;
            if (i == value.Length - 1) break; // the closing ]
            if (i >= value.Length || value[i] != ',') return null;
            i++;
        }
        return new YamlTreeSequence(line, column, items);
    }

    /// <summary>A one-line value starting at <paramref name="column"/>, or null when it needs the full reader.</summary>
    private static YamlTreeNode? Scalar(ReadOnlySpan<char> value, int line, int column)
    {
        var first = value[0];
        if (first == '[') return FlowList(value, line, column);
        if (first is '"' or '\'')
        {
            // Quoted without escapes or doubled quotes, and nothing after the closing quote.
            var close = value[1..].IndexOf(first) + 1;
            if (value.Length < 2 || close != value.Length - 1 || (first == '"' && value.Contains('\\'))) return null;
            return new YamlTreeScalar(line, column, value[1..close].ToString(),
                first == '"' ? ScalarStyle.DoubleQuoted : ScalarStyle.SingleQuoted, null);
        }
        // Plain: no indicator first, no ": " or " #" inside (a mapping or a comment), no ':' last.
        if (!(char.IsAsciiLetterOrDigit(first) || first is '_' or '.' or '/' or '$' or '~' or '(' or '+')) return null;
        foreach (var c in value)
            if (c < ' ' || c > '~') return null; // plain ASCII only: no Unicode rules to get wrong
        if (value.Contains(": ", StringComparison.Ordinal) || value.Contains(" #", StringComparison.Ordinal) || value[^1] == ':')
            return null;
        return new YamlTreeScalar(line, column, value.ToString(), ScalarStyle.Plain, null);
    }
}
