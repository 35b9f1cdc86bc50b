using Cascade.Stacks;

namespace Cascade.Pipeline;

/// <summary>
/// The ancestors of planned images that are outside the plan and whose exact image (by fingerprint tag)
/// exists nowhere the run can reach — so a child's FROM would fail, or worse, pull something else from
/// Docker Hub. They are built first. Whether one exists is the caller's question (the daemon, the registry).
/// </summary>
internal static class AncestorCheck
{
    public static async Task<IReadOnlyList<string>> MissingAncestors(
        StackGraph graph, IEnumerable<string> planned, Func<string, CancellationToken, Task<bool>> exists, CancellationToken ct)
    {
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
                if (await exists(parent, ct)) continue;
                missing.Add(parent);
                frontier.Enqueue(parent);
            }
        }
        return graph.Order(missing);
    }
}
