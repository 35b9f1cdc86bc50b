using System.Text;
using YamlDotNet.RepresentationModel;

namespace Cascade.Changes;

/// <summary>
/// spec.yml reduced to canonical strings: one per image entry and one per top-level key. Comparing these
/// instead of lines means comments, blank lines, key order and quoting style never trigger a rebuild;
/// only a change of meaning does.
/// </summary>
internal sealed class SpecEntries
{
    private SpecEntries(Dictionary<string, string> images, Dictionary<string, string> topLevel,
                        Dictionary<string, string> infoCommands)
    {
        Images = images;
        TopLevel = topLevel;
        InfoCommands = infoCommands;
    }

    public IReadOnlyDictionary<string, string> Images { get; }
    public IReadOnlyDictionary<string, string> TopLevel { get; }

    /// <summary>`all_info_cmds` entries, so a changed command rebuilds only the images that run it.</summary>
    public IReadOnlyDictionary<string, string> InfoCommands { get; }

    public static SpecEntries Empty { get; } = new([], [], []);

    /// <summary>Parses the text; null when it is not YAML we can read (the caller then assumes everything changed).</summary>
    public static SpecEntries? TryParse(string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlDotNet.Core.YamlException)
        {
            return null;
        }
        if (stream.Documents.Count == 0) return Empty;
        if (stream.Documents[0].RootNode is not YamlMappingNode root) return null;

        var images = new Dictionary<string, string>(StringComparer.Ordinal);
        var topLevel = new Dictionary<string, string>(StringComparer.Ordinal);
        var infoCommands = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in root.Children)
        {
            var name = (key as YamlScalarNode)?.Value ?? Canonical(key);
            topLevel[name] = Canonical(value);
            if (name == "images" && value is YamlMappingNode imageMap)
                foreach (var (imageKey, entry) in imageMap.Children)
                    images[(imageKey as YamlScalarNode)?.Value ?? Canonical(imageKey)] = Canonical(entry);
            if (name == "all_info_cmds" && value is YamlMappingNode cmdMap)
                foreach (var (cmdKey, cmd) in cmdMap.Children)
                    infoCommands[(cmdKey as YamlScalarNode)?.Value ?? Canonical(cmdKey)] = Canonical(cmd);
        }
        return new SpecEntries(images, topLevel, infoCommands);
    }

    /// <summary>A form where equal meaning gives equal text: mappings sorted by key, scalars by value.</summary>
    public static string Canonical(YamlNode node)
    {
        var sb = new StringBuilder();
        Write(node, sb);
        return sb.ToString();
    }

    private static void Write(YamlNode node, StringBuilder sb)
    {
        switch (node)
        {
            case YamlScalarNode s:
                // Length-prefixed so no value can imitate the punctuation around it.
                var v = s.Value ?? "";
                sb.Append('s').Append(v.Length).Append(':').Append(v);
                break;
            case YamlSequenceNode seq:
                sb.Append('[');
                foreach (var item in seq.Children) { Write(item, sb); sb.Append(','); }
                sb.Append(']');
                break;
            case YamlMappingNode map:
                var entries = map.Children
                    .Select(kv => (Key: Canonical(kv.Key), Value: Canonical(kv.Value)))
                    .OrderBy(e => e.Key, StringComparer.Ordinal);
                sb.Append('{');
                foreach (var (k, val) in entries) sb.Append(k).Append('=').Append(val).Append(';');
                sb.Append('}');
                break;
            default:
                sb.Append('~');
                break;
        }
    }
}
