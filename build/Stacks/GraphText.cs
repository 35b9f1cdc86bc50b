using System.Text;

namespace Cascade.Stacks;

/// <summary>Mermaid and DOT renderings of a <see cref="StackGraph"/>.</summary>
internal static class GraphText
{
    public static string Mermaid(StackGraph graph, IEnumerable<string>? only)
    {
        var keep = Keep(graph, only);
        var sb = new StringBuilder("graph TD\n");
        foreach (var v in graph.TopologicalOrder.Where(keep.Contains))
        {
            sb.Append("  ").Append(MermaidId(v)).Append("[\"").Append(v).Append("\"]\n");
        }
        foreach (var v in graph.TopologicalOrder.Where(keep.Contains))
            foreach (var c in graph.Children(v).Where(keep.Contains))
                sb.Append("  ").Append(MermaidId(v)).Append(" --> ").Append(MermaidId(c)).Append('\n');
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

    // Mermaid ids may not contain '-' or '.' safely; the label keeps the real name.
    private static string MermaidId(string name)
    {
        var sb = new StringBuilder(name.Length);
        foreach (var ch in name) sb.Append(char.IsAsciiLetterOrDigit(ch) ? ch : '_');
        return sb.ToString();
    }

    private static string DotId(string name) => "\"" + name.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
