using System.Net;
using System.Text;

namespace Cascade.Engine.Internal;

/// <summary>
/// --plan: an HTML page drawing every target and its edges with Mermaid; the targets that would run for
/// this invocation are highlighted, skipped ones marked. Solid arrows are DependsOn, dotted ones ordering only.
/// </summary>
internal static class PlanPageWriter
{
    public static string Write(string temporaryDirectory, TargetGraph graph, IReadOnlyCollection<ExecutableTarget> scheduled)
    {
        Directory.CreateDirectory(temporaryDirectory);
        var path = Path.Combine(temporaryDirectory, "execution-plan.html");
        File.WriteAllText(path, Render(graph, scheduled));
        return path;
    }

    public static string Mermaid(TargetGraph graph, IReadOnlyCollection<ExecutableTarget> scheduled)
    {
        var id = graph.All.Select((t, i) => (t, i)).ToDictionary(p => p.t, p => $"t{p.i}");
        var sb = new StringBuilder("graph LR\n");
        foreach (var target in graph.All)
            sb.Append("  ").Append(id[target]).Append("[\"").Append(Label(target.Name)).Append("\"]\n");
        foreach (var target in graph.All)
        {
            foreach (var dependency in target.Dependencies)
                sb.Append("  ").Append(id[dependency]).Append(" --> ").Append(id[target]).Append('\n');
            foreach (var earlier in target.OrderedAfter)
                sb.Append("  ").Append(id[earlier]).Append(" -.-> ").Append(id[target]).Append('\n');
        }
        sb.Append("  classDef run fill:#d4f4dd,stroke:#1a7f37,stroke-width:2px\n");
        sb.Append("  classDef skip fill:#fff4ce,stroke:#9a6700,stroke-dasharray:4\n");
        AppendClass(sb, "run", scheduled.Where(t => t.Status != TargetStatus.Skipped).Select(t => id[t]));
        AppendClass(sb, "skip", scheduled.Where(t => t.Status == TargetStatus.Skipped).Select(t => id[t]));
        return sb.ToString();
    }

    private static void AppendClass(StringBuilder sb, string name, IEnumerable<string> ids)
    {
        var list = ids.ToList();
        if (list.Count > 0) sb.Append("  class ").Append(string.Join(',', list)).Append(' ').Append(name).Append('\n');
    }

    // Mermaid labels may not contain a bare double quote.
    private static string Label(string text) => text.Replace("\"", "#quot;");

    private static string Render(TargetGraph graph, IReadOnlyCollection<ExecutableTarget> scheduled)
    {
        var running = string.Join(", ", scheduled.Where(t => t.Status != TargetStatus.Skipped).Select(t => t.Name));
        // The diagram is HTML-escaped; the browser decodes it back before Mermaid reads the text.
        return $$"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>Execution plan</title>
            <style>body { font-family: system-ui, sans-serif; margin: 2rem; } .legend span { padding: 0 .5rem; }</style>
            </head>
            <body>
            <h1>Execution plan</h1>
            <p class="legend"><span style="background:#d4f4dd">would run</span><span style="background:#fff4ce">skipped</span>
            solid arrow: depends on; dotted arrow: runs after</p>
            <p>Runs, in order: {{WebUtility.HtmlEncode(running)}}</p>
            <pre class="mermaid">
            {{WebUtility.HtmlEncode(Mermaid(graph, scheduled))}}
            </pre>
            <script type="module">
            import mermaid from "https://cdn.jsdelivr.net/npm/mermaid@11/dist/mermaid.esm.min.mjs";
            mermaid.initialize({ startOnLoad: true, maxEdges: 100000, maxTextSize: 10000000 });
            </script>
            </body>
            </html>

            """;
    }
}
