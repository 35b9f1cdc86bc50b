namespace Cascade.Engine.Internal;

/// <summary>Whether some targets are, or depend on, a given one: answered from their definitions before the graph is
/// resolved (in OnBuildCreated), walking only what the given targets reach, so a large build pays for the few it asks about.</summary>
internal static class TargetReach
{
    public static bool Reaches(IReadOnlyList<(string Name, Target Definition)> declared, IEnumerable<string> from, Target wanted)
    {
        var byName = new Dictionary<string, Target>(StringComparer.Ordinal);
        foreach (var (name, definition) in declared) byName.TryAdd(Naming.Normalize(name), definition);
        var seen = new HashSet<Target>();
        var pending = new Stack<Target>(from.Select(n => byName.GetValueOrDefault(Naming.Normalize(n))).OfType<Target>());
        while (pending.TryPop(out var target))
        {
            if (target.Equals(wanted)) return true;
            if (!seen.Add(target)) continue;
            foreach (var dependency in DependenciesOf(target))
                if ((dependency.Target ?? (dependency.Name is { } n ? byName.GetValueOrDefault(Naming.Normalize(n)) : null)) is { } next)
                    pending.Push(next);
        }
        return false;
    }

    private static IEnumerable<TargetReference> DependenciesOf(Target target)
    {
        var definition = new TargetDefinition();
        target(definition);
        return definition.Dependencies;
    }
}
