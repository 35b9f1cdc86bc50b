namespace Cascade.Stacks;

/// <summary>
/// Finds dependency cycles so each can be reported by name (`a -> b -> a`, read "a depends on b ...").
/// Linear time: peel off every image that can be ordered (Kahn), then walk parent links among the rest,
/// where every image is known to have a remaining parent, until the walk meets itself.
/// </summary>
internal static class CycleFinder
{
    /// <param name="images">Names in file order, each with its parents (only names in this list).</param>
    public static IReadOnlyList<IReadOnlyList<string>> Find(IReadOnlyList<(string Name, IReadOnlyList<string> Parents)> images)
    {
        // A name given twice: its last entry counts.
        var parents = new Dictionary<string, IReadOnlyList<string>>(images.Count, StringComparer.Ordinal);
        foreach (var (name, ps) in images) parents[name] = DistinctNames.Of(ps);
        var unordered = Unordered(parents);
        if (unordered.Count == 0) return [];
        var cycles = new List<IReadOnlyList<string>>();
        var visited = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (start, _) in images)
        {
            if (!unordered.Contains(start) || visited.Contains(start)) continue;
            var path = WalkToCycle(start, parents, unordered, visited, cycles);
            visited.UnionWith(path);
        }
        return cycles;
    }

    /// <summary>Kahn's peeling: the images left when every one that can be ordered is taken away.</summary>
    private static HashSet<string> Unordered(Dictionary<string, IReadOnlyList<string>> parents)
    {
        var children = parents.Keys.ToDictionary(n => n, _ => new List<string>(), StringComparer.Ordinal);
        var pending = parents.ToDictionary(kv => kv.Key, kv => kv.Value.Count, StringComparer.Ordinal);
        foreach (var (name, ps) in parents)
            foreach (var p in ps) children[p].Add(name);
        var ready = new Queue<string>(pending.Where(kv => kv.Value == 0).Select(kv => kv.Key));
        while (ready.Count > 0)
        {
            var v = ready.Dequeue();
            pending.Remove(v);
            foreach (var c in children[v])
                if (--pending[c] == 0) ready.Enqueue(c);
        }
        return pending.Keys.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Follows remaining parents from <paramref name="start"/> until the walk meets itself (a new cycle,
    /// added) or a walk before it (a cycle reported already); returns the path walked.</summary>
    private static List<string> WalkToCycle(string start, Dictionary<string, IReadOnlyList<string>> parents, HashSet<string> unordered,
        HashSet<string> visited, List<IReadOnlyList<string>> cycles)
    {
        var path = new List<string>();
        var onPath = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var v = start; ; )
        {
            onPath[v] = path.Count;
            path.Add(v);
            var next = parents[v].First(unordered.Contains);
            if (onPath.TryGetValue(next, out var at))
            {
                cycles.Add([.. path.Skip(at), next]);
                return path;
            }
            if (visited.Contains(next)) return path;
            v = next;
        }
    }
}
