namespace Cascade.Engine.Internal;

internal sealed partial class TargetGraph
{
    /// <summary>
    /// The invoked targets and everything they depend on, in an order that puts dependencies first and honours
    /// After/Before among the scheduled targets. Ties keep the order in which the invocation reaches them.
    /// </summary>
    public IReadOnlyList<ExecutableTarget> Schedule(IReadOnlyList<ExecutableTarget> invoked)
    {
        var rank = new Dictionary<ExecutableTarget, int>();
        foreach (var root in invoked)
        {
            if (rank.ContainsKey(root)) continue;
            // Iterative post-order walk: a chain of thousands of image targets must not overflow the stack.
            var stack = new Stack<(ExecutableTarget Target, int Next)>();
            var onPath = new HashSet<ExecutableTarget> { root };
            stack.Push((root, 0));
            while (stack.Count > 0)
            {
                var (target, next) = stack.Pop();
                if (next < target.Dependencies.Count)
                {
                    stack.Push((target, next + 1));
                    var dependency = target.Dependencies[next];
                    if (!rank.ContainsKey(dependency) && onPath.Add(dependency))
                        stack.Push((dependency, 0));
                    continue;
                }
                onPath.Remove(target);
                rank.TryAdd(target, rank.Count);
            }
        }
        return TopologicalOrder(rank);
    }

    private static List<ExecutableTarget> TopologicalOrder(Dictionary<ExecutableTarget, int> rank)
    {
        var waitingOn = rank.Keys.ToDictionary(t => t, t => Predecessors(t).Where(rank.ContainsKey).Distinct().Count());
        var successors = rank.Keys.ToDictionary(t => t, _ => new List<ExecutableTarget>());
        foreach (var target in rank.Keys)
            foreach (var before in Predecessors(target).Where(rank.ContainsKey).Distinct())
                successors[before].Add(target);

        var ready = new PriorityQueue<ExecutableTarget, int>();
        foreach (var (target, count) in waitingOn)
            if (count == 0) ready.Enqueue(target, rank[target]);
        var order = new List<ExecutableTarget>(rank.Count);
        while (ready.TryDequeue(out var target, out _))
        {
            order.Add(target);
            foreach (var next in successors[target])
                if (--waitingOn[next] == 0) ready.Enqueue(next, rank[next]);
        }
        return order; // EnsureAcyclic already ruled out a cycle, so every target is here.
    }

    private static IEnumerable<ExecutableTarget> Predecessors(ExecutableTarget target) =>
        target.Dependencies.Concat(target.OrderedAfter);

    // Each target has a handful of predecessors; thousands of image targets each built a hash set for them.
    private static List<ExecutableTarget> DistinctPredecessors(ExecutableTarget target)
    {
        var result = new List<ExecutableTarget>(target.Dependencies.Count + target.OrderedAfter.Count);
        foreach (var t in target.Dependencies) if (!result.Contains(t)) result.Add(t);
        foreach (var t in target.OrderedAfter) if (!result.Contains(t)) result.Add(t);
        return result;
    }

    /// <summary>A cycle through DependsOn, After or Before anywhere in the build is a definition error.</summary>
    private void EnsureAcyclic()
    {
        var waitingOn = new Dictionary<ExecutableTarget, int>(All.Count);
        var successors = All.ToDictionary(t => t, _ => new List<ExecutableTarget>());
        foreach (var target in All)
        {
            var predecessors = DistinctPredecessors(target);
            waitingOn[target] = predecessors.Count;
            foreach (var before in predecessors) successors[before].Add(target);
        }
        var ready = new Queue<ExecutableTarget>(All.Where(t => waitingOn[t] == 0));
        while (ready.TryDequeue(out var target))
            foreach (var next in successors[target])
                if (--waitingOn[next] == 0) ready.Enqueue(next);

        var stuck = waitingOn.Where(p => p.Value > 0).Select(p => p.Key).ToHashSet();
        if (stuck.Count == 0) return;
        // Walk backwards through stuck targets until one repeats: that loop is the cycle to report.
        var path = new List<ExecutableTarget>();
        var current = stuck.OrderBy(t => t.Index).First();
        while (!path.Contains(current))
        {
            path.Add(current);
            current = Predecessors(current).First(stuck.Contains);
        }
        var cycle = path.Skip(path.IndexOf(current)).Append(current).Reverse().Select(t => t.Name);
        throw new BuildUsageException($"Targets form a cycle through DependsOn/After/Before: {string.Join(" -> ", cycle)}.");
    }
}
