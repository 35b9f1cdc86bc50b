using System.Text.Json;
using Cascade.Changes;
using Cascade.Stacks;

namespace Cascade.Workflows;

/// <summary>
/// The plan as GitHub Actions step outputs (`name=value` lines for $GITHUB_OUTPUT), read by the generated
/// workflow's image jobs: `images` (the affected images, a JSON list), `count`, and for the matrix layout one
/// `layer_D_P` per slice (a JSON list of {image, parents, timeout} for `matrix.include`).
/// </summary>
internal static class PlanOutputs
{
    public static string Write(BuildPlan plan, StackSpec spec, StackGraph graph)
    {
        var lines = new List<string>
        {
            $"images={JsonSerializer.Serialize(plan.Order)}",
            $"count={plan.Order.Count}",
        };
        foreach (var slice in MatrixSlices.Of(graph))
        {
            var entries = slice.Images.Where(plan.IsAffected).Select(name => new Dictionary<string, object>
            {
                ["image"] = name,
                // Only affected parents are awaited: an unaffected one is already in the registry.
                ["parents"] = string.Join(' ', graph.Parents(name).Where(plan.IsAffected)),
                ["timeout"] = ImageWorkflow.TimeoutMinutes(spec, name),
            });
            lines.Add($"{slice.Output}={JsonSerializer.Serialize(entries)}");
        }
        return string.Join('\n', lines) + "\n";
    }
}
