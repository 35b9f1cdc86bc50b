using Cascade.Pipeline;
using Cascade.Publishing;
using System.Text;
using Cascade.Stacks;

namespace Cascade.Reports;

/// <summary>The stack as a Mermaid graph, each image coloured by a status and linked to its page.</summary>
internal static class StackMermaid
{
    private static readonly (ImageStatus Status, string Style)[] Styles =
    [
        (ImageStatus.Succeeded, "fill:#2da44e,color:#fff"),
        (ImageStatus.Promoted, "fill:#8250df,color:#fff"),
        (ImageStatus.Passed, "fill:#2da44e,color:#fff"),
        (ImageStatus.Reused, "fill:#0969da,color:#fff"),
        (ImageStatus.Unchanged, "fill:#afb8c1,color:#000"),
        (ImageStatus.Skipped, "fill:#d4a72c,color:#000"),
        (ImageStatus.Failed, "fill:#cf222e,color:#fff"),
    ];

    /// <param name="parents">Image → its parents (images not listed here are drawn only as parents).</param>
    /// <param name="status">Image → its status; the colour.</param>
    /// <param name="links">Image → the link of its page, where it has one.</param>
    public static string Render(IReadOnlyDictionary<string, IReadOnlyList<string>> parents,
        IReadOnlyDictionary<string, ImageStatus> status, IReadOnlyDictionary<string, string> links)
    {
        var names = parents.Keys.Concat(parents.Values.SelectMany(p => p)).Distinct(StringComparer.Ordinal).ToList();
        var ids = GraphText.MermaidIds(names);
        var sb = new StringBuilder("```mermaid\ngraph TD\n");
        foreach (var name in names)
            sb.Append($"  {ids[name]}[\"{name}\"]\n");
        foreach (var (child, ps) in parents)
            foreach (var parent in ps)
                sb.Append($"  {ids[parent]} --> {ids[child]}\n");
        foreach (var (state, style) in Styles.Where(s => status.Values.Contains(s.Status)))
            sb.Append($"  classDef {state.ToText()} {style}\n");
        foreach (var name in names.Where(status.ContainsKey))
            sb.Append($"  class {ids[name]} {status[name].ToText()}\n");
        foreach (var name in names.Where(links.ContainsKey))
            sb.Append($"  click {ids[name]} \"{links[name]}\"\n");
        return sb.Append("```\n").ToString();
    }
}
