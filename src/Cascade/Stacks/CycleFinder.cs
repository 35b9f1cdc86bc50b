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
        var parents = new Dictionary<string, IReadOnlyList<string>>(images.Count, StringComparer.Ordinal);
        var children = new Dictionary<string, List<string>>(images.Count, StringComparer.Ordinal);
        var pending = new Dictionary<string, int>(images.Count, StringComparer.Ordinal);
        foreach (var (name, ps) in images)
        {
            var distinct = DistinctNames.Of(ps);
            parents[name] = distinct;
            pending[name] = distinct.Count;
            children.TryAdd(name, []);
        }
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
        if (pending.Count == 0) return [];

        var cycles = new List<IReadOnlyList<string>>();
        var visited = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (start, _) in images)
        {
            if (!pending.ContainsKey(start) || visited.Contains(start)) continue;
            var path = new List<string>();
            var onPath = new Dictionary<string, int>(StringComparer.Ordinal);
            var v = start;
            while (true)
            {
                onPath[v] = path.Count;
                path.Add(v);
                var next = parents[v].First(pending.ContainsKey);
                if (onPath.TryGetValue(next, out var at))
                {
                    cycles.Add([.. path.Skip(at), next]);
                    break;
                }
                if (visited.Contains(next)) break; // leads into a cycle reported already
                v = next;
            }
            visited.UnionWith(path);
        }
        return cycles;
    }
}
