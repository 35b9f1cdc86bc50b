using System.Text;

namespace Cascade.Stacks;

/// <summary>Mermaid and DOT renderings of a <see cref="StackGraph"/>.</summary>
internal static class GraphText
{
    public static string Mermaid(StackGraph graph, IEnumerable<string>? only)
    {
        var keep = Keep(graph, only);
        var ids = MermaidIds(graph.TopologicalOrder.Where(keep.Contains));
        var sb = new StringBuilder("graph TD\n");
        foreach (var v in graph.TopologicalOrder.Where(keep.Contains))
        {
            sb.Append("  ").Append(ids[v]).Append("[\"").Append(v).Append("\"]\n");
        }
        foreach (var v in graph.TopologicalOrder.Where(keep.Contains))
            foreach (var c in graph.Children(v).Where(keep.Contains))
                sb.Append("  ").Append(ids[v]).Append(" --> ").Append(ids[c]).Append('\n');
        return sb.ToString();
    }

    public static string Dot(StackGraph graph, IEnumerable<string>? only)
    {
        var keep = Keep(graph, only);
        var sb = new StringBuilder("digraph stack {\n  rankdir=TB;\n  node [shape=box];\n");
        foreach (var v in graph.TopologicalOrder.Where(keep.Contains))
            sb.Append("  ").Append(DotId(v)).Append(";\n");
        foreach (var v in graph.TopologicalOrder.Where(keep.Contains))
            foreach (var c in graph.Children(v).Where(keep.Contains))
                sb.Append("  ").Append(DotId(v)).Append(" -> ").Append(DotId(c)).Append(";\n");
        return sb.Append("}\n").ToString();
    }

    private static HashSet<string> Keep(StackGraph graph, IEnumerable<string>? only) =>
        new(only ?? graph.TopologicalOrder, StringComparer.Ordinal);

    // Mermaid ids may not contain '-' or '.' safely; the label keeps the real name. Replacing them with '_'
    // can make two images one node (a-b and a_b), and `end` is a Mermaid keyword: such ids get a suffix.
    internal static Dictionary<string, string> MermaidIds(IEnumerable<string> names)
    {
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "end", "graph", "subgraph" };
        foreach (var name in names)
        {
            var sb = new StringBuilder(name.Length);
            foreach (var ch in name) sb.Append(char.IsAsciiLetterOrDigit(ch) ? ch : '_');
            var id = sb.ToString();
            for (var n = 2; !taken.Add(id); n++) id = $"{sb}_{n}";
            ids[name] = id;
        }
        return ids;
    }

    private static string DotId(string name) => "\"" + name.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
