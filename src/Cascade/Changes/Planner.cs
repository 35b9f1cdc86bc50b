using Cascade.Stacks;

namespace Cascade.Changes;

/// <summary>
/// Turns changes, or the images the user named, into a <see cref="BuildPlan"/>: which images to build, why,
/// and in what order. Every image affected by a change pulls in its descendants, because a child built on a
/// stale parent would ship the parent's old layers; named images do too, unless --no-descendants.
/// </summary>
internal sealed class Planner
{
    public BuildPlan Plan(StackSpec spec, StackGraph graph, ChangeSet changes, PlanOptions options)
    {
        var unknown = options.ForcedImages.Where(n => !spec.Contains(n)).ToList();
        if (unknown.Count > 0)
            throw new ChangeException(
                $"unknown image{(unknown.Count > 1 ? "s" : "")} {string.Join(", ", unknown.Select(n => $"'{n}'"))} in --images; " +
                $"the stack has: {Sample(spec.Images.Select(i => i.Name))}");

        var reasons = new Dictionary<string, ImageReasons>(spec.Images.Count, StringComparer.Ordinal);
        foreach (var image in spec.Images) reasons[image.Name] = new ImageReasons();
        ImageReasons? ReasonsOf(string name) => reasons.GetValueOrDefault(name);
        var allReasons = new List<string>();

        // Named images are exactly what the user asked for: not added to what git changed.
        if (!options.CountsChanges) changes = ChangeSet.None;
        if (changes.Paths.Count > 0)
            new PathRules(spec, changes.StackPath, ChangeIgnoreFile.Load(spec.Directory), options.TestFingerprints)
                .Apply(changes.Paths, ReasonsOf, allReasons);
        if (changes.Spec is not null)
            SpecChanges.Apply(spec, changes.Spec, ReasonsOf, allReasons);

        var forced = new HashSet<string>(options.ForcedImages, StringComparer.Ordinal);
        foreach (var name in forced) reasons[name].Forced.Add("forced");
        if (options.All)
            foreach (var r in reasons.Values) r.Forced.Add("forced (--all)");

        // One pass parents-first: an image pulls in its children when it changed, was forced without
        // --no-descendants, or was itself pulled in. Each image names its nearest such parent.
        var pulling = new HashSet<string>(StringComparer.Ordinal);
        var images = new List<PlannedImage>(graph.TopologicalOrder.Count);
        var affected = new List<string>();
        foreach (var name in graph.TopologicalOrder)
        {
            var r = reasons[name];
            var parents = spec.Contains(name) ? DistinctNames.Of(spec[name].DependOn) : graph.Parents(name).ToList();
            var pullingParent = parents.FirstOrDefault(pulling.Contains);

            var changed = allReasons.Count > 0 || r.Spec.Count > 0 || r.Paths.Count > 0;
            var forcedHere = r.Forced.Count > 0;
            var pullsChildren = changed || pullingParent is not null || options.All || (forcedHere && !options.NoDescendants);
            if (pullsChildren) pulling.Add(name);

            var list = new List<string>(r.Forced.Count + allReasons.Count + r.Spec.Count + 1 + r.Tests.Count + r.Paths.Count);
            list.AddRange(r.Forced);
            list.AddRange(allReasons);
            list.AddRange(r.Spec);
            if (pullingParent is not null) list.Add($"parent {pullingParent} is rebuilt");
            list.AddRange(r.Tests);
            list.AddRange(r.Paths);

            var isAffected = list.Count > 0;
            if (isAffected) affected.Add(name);
            images.Add(new PlannedImage(name, parents, graph.Depth(name), isAffected, list)
            {
                Fingerprint = options.Fingerprints?.GetValueOrDefault(name),
                TestFingerprint = options.TestFingerprints?.GetValueOrDefault(name),
            });
        }

        return new BuildPlan(images, graph.Order(affected), graph.Layers(affected));
    }

    private static string Sample(IEnumerable<string> names)
    {
        var list = names.Take(11).ToList();
        return list.Count > 10 ? string.Join(", ", list.Take(10)) + ", ..." : string.Join(", ", list);
    }
}
