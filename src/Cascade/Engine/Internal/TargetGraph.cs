using Cascade.Text;
using System.Reflection;

namespace Cascade.Engine.Internal;

/// <summary>
/// Every target of a build, found by reflection (properties of type <see cref="Target"/>) and from AddTarget,
/// with DependsOn/After/Before resolved to targets and checked for cycles.
/// </summary>
internal sealed partial class TargetGraph
{
    private readonly Dictionary<string, ExecutableTarget> _byName;

    private TargetGraph(List<ExecutableTarget> all)
    {
        All = all;
        _byName = new Dictionary<string, ExecutableTarget>(StringComparer.Ordinal);
        foreach (var target in all)
            if (!_byName.TryAdd(Naming.Normalize(target.Name), target))
            {
                var other = _byName[Naming.Normalize(target.Name)].Name;
                throw new BuildUsageException(other == target.Name
                    ? $"Two targets are named '{target.Name}'; target names must be unique."
                    : $"Targets '{other}' and '{target.Name}' differ only in case, dashes or underscores; the command line could not tell them apart.");
            }
    }

    public IReadOnlyList<ExecutableTarget> All { get; }
    public IEnumerable<ExecutableTarget> Defaults => All.Where(t => t.IsDefault);

    public static TargetGraph Create(object build, IReadOnlyList<(string Name, Target Definition)> added, IReadOnlyList<string> defaultNames)
    {
        var declared = DiscoverProperties(build).Concat(added).ToList();
        var targets = new List<ExecutableTarget>(declared.Count);
        // Target delegates compare equal when they are the same lambda on the same instance, so the value a
        // property returns today matches the value DependsOn(Plan) passes later, though they are new objects.
        var byDelegate = new Dictionary<Delegate, ExecutableTarget?>();
        foreach (var (name, target) in declared)
        {
            var definition = new TargetDefinition();
            try
            {
                target(definition);
            }
            catch (Exception e) when (e is not BuildUsageException)
            {
                throw new BuildUsageException($"Target '{name}' could not be defined: {e.Message}");
            }
            var executable = new ExecutableTarget(name, targets.Count, definition);
            targets.Add(executable);
            // Two names for one delegate: ambiguous, an error only if someone refers to it by value.
            byDelegate[target] = byDelegate.ContainsKey(target) ? null : executable;
        }

        var graph = new TargetGraph(targets);
        foreach (var target in targets)
        {
            var d = target.Definition;
            target.Dependencies.AddRange(d.Dependencies.Select(r => graph.Resolve(r, target, "DependsOn", byDelegate)));
            target.OrderedAfter.AddRange(d.RunsAfter.Select(r => graph.Resolve(r, target, "After", byDelegate)));
            foreach (var later in d.RunsBefore.Select(r => graph.Resolve(r, target, "Before", byDelegate)))
                later.OrderedAfter.Add(target);
        }
        foreach (var name in defaultNames)
            graph.Find(name, "default target").IsDefault = true;
        graph.EnsureAcyclic();
        return graph;
    }

    /// <summary>Finds a target by any spelling (case-insensitive, kebab-case allowed) or explains the mistake.</summary>
    public ExecutableTarget Find(string name, string what = "target")
    {
        if (_byName.TryGetValue(Naming.Normalize(name), out var target)) return target;
        throw new BuildUsageException(
            $"Unknown {what} '{name}'." + DidYouMean.Sentence(name, All.Select(t => t.Name), Naming.Normalize)
            + " Run with --help to list the targets.", ExitCodes.InvalidArguments);
    }

    private ExecutableTarget Resolve(TargetReference reference, ExecutableTarget from, string relation, Dictionary<Delegate, ExecutableTarget?> byDelegate)
    {
        if (reference.Name is { } name)
        {
            if (_byName.TryGetValue(Naming.Normalize(name), out var named)) return named;
            throw new BuildUsageException(
                $"Target '{from.Name}' has {relation}(\"{name}\"), but there is no target '{name}'." + DidYouMean.Sentence(name, All.Select(t => t.Name), Naming.Normalize));
        }
        if (reference.Target is { } target && byDelegate.TryGetValue(target, out var found))
            return found ?? throw new BuildUsageException(
                $"Target '{from.Name}' has {relation}(...) on a definition shared by several targets; refer to it by name instead.");
        throw new BuildUsageException(
            $"Target '{from.Name}' has {relation}(...) on a target that is neither a Target property nor added with AddTarget.");
    }

    internal static IEnumerable<(string Name, Target Definition)> DiscoverProperties(object build)
    {
        // Base classes first, then each class's in declaration order (metadata order: reflection's own is not
        // promised), so targets keep the order in which a reader meets them — --help lists them so.
        var types = new List<Type>();
        for (var type = build.GetType(); type is not null && type != typeof(NukeBuild); type = type.BaseType)
            types.Insert(0, type);
        const BindingFlags flags = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
        foreach (var type in types)
            foreach (var property in type.GetProperties(flags).OrderBy(p => p.MetadataToken))
                if (property.PropertyType == typeof(Target) && property.GetIndexParameters().Length == 0
                    && property.GetValue(build) is Target target)
                    yield return (property.Name, target);
    }
}
