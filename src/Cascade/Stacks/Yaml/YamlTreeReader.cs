using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Cascade.Stacks.Yaml;

/// <summary>Reads the first YAML document of a text into a <see cref="YamlTreeNode"/> tree.</summary>
internal static partial class YamlTreeReader
{
    /// <summary>Thrown for YAML the spec cannot use (syntax errors, complex keys); carries a 1-based position.</summary>
    public sealed class YamlTreeException(int line, int column, string message) : Exception(message)
    {
        public int Line { get; } = line;
        public int Column { get; } = column;
    }

    /// <summary>Returns the root node, or null for an empty document.</summary>
    public static YamlTreeNode? Read(string text) => BlockYamlReader.TryRead(text) ?? ReadWithYamlDotNet(text);

    /// <summary>The general reader: all of YAML, and the error messages for what is not YAML.</summary>
    internal static YamlTreeNode? ReadWithYamlDotNet(string text)
    {
        var parser = new Parser(new StringReader(text));
        var anchors = new Dictionary<string, YamlTreeNode>(StringComparer.Ordinal);
        try
        {
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _)) return null;
            parser.Consume<DocumentStart>();
            var root = ReadNode(parser, anchors);
            parser.Consume<DocumentEnd>();
            return root is YamlTreeScalar { IsNull: true } ? null : root;
        }
        catch (YamlException ex)
        {
            var (line, column) = ((int)ex.Start.Line, (int)ex.Start.Column);
            // YamlDotNet places tab errors at the start of the enclosing mapping; point at the tab instead.
            if (ex.Message.Contains("tab", StringComparison.OrdinalIgnoreCase) && FirstIndentingTab(text) is { } tab)
                (line, column) = tab;
            throw new YamlTreeException(line, column, CleanMessage(ex.Message) + (ex.Message.Contains("tab") ? " Indent with spaces." : ""));
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this on some malformed input (e.g. an unclosed flow list before a
            // key); report it where the parser got to rather than as a crash.
            var at = parser.Current?.End;
            throw new YamlTreeException((int)(at?.Line ?? 1), (int)(at?.Column ?? 1),
                "invalid YAML after this point: an unclosed [ or {, or bad indentation?");
        }
    }

    private static YamlTreeNode ReadNode(IParser parser, Dictionary<string, YamlTreeNode> anchors)
    {
        var ev = parser.Current ?? throw new YamlTreeException(1, 1, "unexpected end of YAML");
        var (line, col) = ((int)ev.Start.Line, (int)ev.Start.Column);
        switch (ev)
        {
            case AnchorAlias alias:
                parser.MoveNext();
                return anchors.TryGetValue(alias.Value.Value, out var target)
                    ? target
                    : throw new YamlTreeException(line, col, $"alias *{alias.Value.Value} names no anchor defined before it");

            case Scalar scalar:
                parser.MoveNext();
                return Remember(anchors, scalar.Anchor,
                    new YamlTreeScalar(line, col, scalar.Value, scalar.Style, scalar.Tag.IsEmpty ? null : scalar.Tag.Value));

            case SequenceStart seq:
            {
                parser.MoveNext();
                var items = new List<YamlTreeNode>();
                while (!parser.TryConsume<SequenceEnd>(out _)) items.Add(ReadNode(parser, anchors));
                return Remember(anchors, seq.Anchor, new YamlTreeSequence(line, col, items));
            }

            case MappingStart map:
                parser.MoveNext();
                return Remember(anchors, map.Anchor, new YamlTreeMapping(line, col, ReadEntries(parser, anchors)));

            default:
                throw new YamlTreeException(line, col, $"unexpected YAML event {ev.GetType().Name}");
        }
    }

    /// <summary>A mapping's entries up to its end, `&lt;&lt;` merges spread in and overridden by keys written out.</summary>
    private static List<YamlTreeEntry> ReadEntries(IParser parser, Dictionary<string, YamlTreeNode> anchors)
    {
        var entries = new List<(YamlTreeEntry Entry, bool Merged)>();
        while (!parser.TryConsume<MappingEnd>(out _))
        {
            var key = ReadNode(parser, anchors);
            var value = ReadNode(parser, anchors);
            if (key is not YamlTreeScalar scalarKey)
                throw new YamlTreeException(key.Line, key.Column, "keys must be plain names, not lists or mappings");
            if (scalarKey is { IsPlain: true, Value: "<<" })
                entries.AddRange(Merge(value).Select(e => (e, true)));
            else
                entries.Add((new YamlTreeEntry(scalarKey, value), false));
        }
        return DropMergedDuplicates(entries);
    }

    // `<<: *defaults` (YAML merge key) is common for sharing settings between images; support it so
    // such specs load. Merged entries are marked so that keys written out explicitly override them.
    private static IEnumerable<YamlTreeEntry> Merge(YamlTreeNode value) => value switch
    {
        YamlTreeMapping m => m.Entries,
        YamlTreeSequence s when s.Items.All(i => i is YamlTreeMapping) => s.Items.Cast<YamlTreeMapping>().SelectMany(m => m.Entries),
        _ => throw new YamlTreeException(value.Line, value.Column, "a merge key (<<) takes a mapping or a list of mappings"),
    };

    private static List<YamlTreeEntry> DropMergedDuplicates(List<(YamlTreeEntry Entry, bool Merged)> entries)
    {
        if (!entries.Any(e => e.Merged)) return entries.Select(e => e.Entry).ToList();
        var explicitKeys = entries.Where(e => !e.Merged).Select(e => e.Entry.Key.Value).ToHashSet(StringComparer.Ordinal);
        var mergedSeen = new HashSet<string>(StringComparer.Ordinal);
        // An explicit key wins over a merged one; among merged ones the first wins (YAML merge rules).
        return entries.Where(e => !e.Merged || (!explicitKeys.Contains(e.Entry.Key.Value) && mergedSeen.Add(e.Entry.Key.Value)))
            .Select(e => e.Entry).ToList();
    }

    private static (int Line, int Column)? FirstIndentingTab(string text)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var indent = 0;
            while (indent < line.Length && line[indent] is ' ' or '\t') indent++;
            var tab = line.IndexOf('\t', 0, indent);
            if (tab >= 0) return (i + 1, tab + 1);
        }
        return null;
    }

    private static YamlTreeNode Remember(Dictionary<string, YamlTreeNode> anchors, AnchorName anchor, YamlTreeNode node)
    {
        if (!anchor.IsEmpty) anchors[anchor.Value] = node;
        return node;
    }

    // Some YamlDotNet messages start with "(Line: 1, Col: 2, Idx: 1) - (Line: ...): "; we print our own position.
    private static string CleanMessage(string message) => PositionPrefix().Replace(message, "").Trim();

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\):\s*")]
    private static partial Regex PositionPrefix();
}
