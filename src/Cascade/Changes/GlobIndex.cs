namespace Cascade.Changes;

/// <summary>
/// Many globs, each with a value, indexed by literal prefix: a path is tried only against the globs
/// whose prefix is the path or one of its folders, so 5,000 watch globs against 50,000 paths
/// costs a few dictionary look-ups per path rather than 250 million regex runs.
/// </summary>
internal sealed class GlobIndex<T>
{
    private readonly Dictionary<string, List<(Glob Glob, T Value)>> byPrefix = new(StringComparer.Ordinal);

    public int Count { get; private set; }

    public void Add(Glob glob, T value)
    {
        if (!byPrefix.TryGetValue(glob.LiteralPrefix, out var list))
            byPrefix[glob.LiteralPrefix] = list = [];
        list.Add((glob, value));
        Count++;
    }

    public IEnumerable<(Glob Glob, T Value)> Matches(string path)
    {
        if (Count == 0) yield break;
        foreach (var folder in RepoPath.SelfAndParents(path))
            if (byPrefix.TryGetValue(folder, out var list))
                foreach (var entry in list)
                    if (entry.Glob.IsMatch(path)) yield return entry;
    }
}
