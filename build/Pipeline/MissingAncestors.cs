using Cascade.Docker;
using Cascade.Stacks;

namespace Cascade.Pipeline;

/// <summary>
/// For a forced or partial plan: the ancestors of planned images that are outside the plan and cannot be
/// found — not in the daemon, not in the registry — so a child's FROM would fail. Build.cs adds them to the plan.
/// The registry check is passed in (the Registry client belongs elsewhere); pass `(_, _) => Task.FromResult(false)`
/// when there is no registry.
/// </summary>
public static class AncestorCheck
{
    public static async Task<IReadOnlyList<string>> MissingAncestors(
        StackSpec spec, StackGraph graph, IEnumerable<string> planned, string branch,
        IDockerEngine docker, Func<string, CancellationToken, Task<bool>> existsInRegistry, CancellationToken ct)
    {
        var tag = ImageTags.BranchTag(spec.TagPrefix, branch);
        var plan = planned.ToHashSet(StringComparer.Ordinal);
        var missing = new HashSet<string>(StringComparer.Ordinal);
        var checkedNames = new HashSet<string>(StringComparer.Ordinal);
        // Parents first: when an ancestor is missing, its own parents must be looked at too (it will be built).
        var frontier = new Queue<string>(plan);
        while (frontier.Count > 0)
        {
            var name = frontier.Dequeue();
            foreach (var parent in graph.Parents(name))
            {
                if (plan.Contains(parent) || !checkedNames.Add(parent)) continue;
                var reference = ImageTags.Reference(spec[parent].Repository, tag);
                var present = await docker.FindImageAsync(reference, ct) is not null || await existsInRegistry(reference, ct);
                if (present) continue;
                missing.Add(parent);
                frontier.Enqueue(parent);
            }
        }
        return graph.Order(missing);
    }
}
