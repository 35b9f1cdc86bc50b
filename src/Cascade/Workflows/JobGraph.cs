using System.Text;

namespace Cascade.Workflows;

/// <summary>A workflow's jobs and their `needs` as Mermaid: the picture of the job graph in README.md.</summary>
internal static class JobGraph
{
    public static string Mermaid(Workflow workflow)
    {
        // Job ids hold '-', which Mermaid ids do not take safely: number the nodes, label them with the ids.
        var ids = workflow.Jobs.Keys.Select((job, i) => (job, i)).ToDictionary(p => p.job, p => $"j{p.i}");
        var sb = new StringBuilder("graph TD\n");
        foreach (var (job, id) in ids) sb.Append($"  {id}[\"{job}\"]\n");
        foreach (var (job, definition) in workflow.Jobs)
            foreach (var need in definition.Needs ?? [])
                sb.Append($"  {ids[need]} --> {ids[job]}\n");
        return sb.ToString();
    }
}
