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
        CheckForcedImagesExist(spec, options);
        var (reasons, allReasons) = Reasons(spec, changes, options);

        // One pass parents-first: an image pulls in its children when it changed, was forced without
        // --no-descendants, or was itself pulled in. Each image names its nearest such parent.
        var pulling = new HashSet<string>(StringComparer.Ordinal);
        var images = new List<PlannedImage>(graph.TopologicalOrder.Count);
        foreach (var name in graph.TopologicalOrder)
        {
            var r = reasons[name];
            var parents = spec.Contains(name) ? DistinctNames.Of(spec[name].DependOn) : graph.Parents(name).ToList();
            var pullingParent = parents.FirstOrDefault(pulling.Contains);
            var changed = allReasons.Count > 0 || r.Spec.Count > 0 || (options.CountsChanges && r.Bases.Count > 0) || r.Paths.Count > 0;
            if (changed || pullingParent is not null || options.All || (r.Forced.Count > 0 && !options.NoDescendants)) pulling.Add(name);
            var list = ReasonList(r, allReasons, pullingParent, options.CountsChanges);
            images.Add(new PlannedImage(name, parents, graph.Depth(name), list.Count > 0, list)
            {
                Fingerprint = options.Fingerprints?.GetValueOrDefault(name),
                TestFingerprint = options.TestFingerprints?.GetValueOrDefault(name),
            });
        }
        var affected = images.Where(i => i.Affected).Select(i => i.Name).ToList();
        return new BuildPlan(images, graph.Order(affected), graph.Layers(affected));
    }

    private static void CheckForcedImagesExist(StackSpec spec, PlanOptions options)
    {
        var unknown = options.ForcedImages.Where(n => !spec.Contains(n)).ToList();
        if (unknown.Count > 0)
            throw new ChangeException(
                $"unknown image{(unknown.Count > 1 ? "s" : "")} {string.Join(", ", unknown.Select(n => $"'{n}'"))} in --images; " +
                $"the stack has: {Sample(spec.Images.Select(i => i.Name))}");
    }

    /// <summary>Each image's own reasons (its changed paths and tests, its spec entry, forced) and those that affect
    /// every image (BuildAll, rebuild_all_on, a stack-wide spec key).</summary>
    private static (Dictionary<string, ImageReasons> Reasons, List<string> All) Reasons(StackSpec spec, ChangeSet changes, PlanOptions options)
    {
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

        AddBaseMoves(options, reasons);
        foreach (var name in new HashSet<string>(options.ForcedImages, StringComparer.Ordinal)) reasons[name].Forced.Add("forced");
        if (options.All)
            foreach (var r in reasons.Values) r.Forced.Add("forced (--all)");
        return (reasons, allReasons);
    }

    /// <summary>An image's reasons in the order the plan shows them; none: it is not affected. Its moved bases come
    /// before its parent's line, and count on their own only when git's changes decide the plan.</summary>
    private static List<string> ReasonList(ImageReasons r, IReadOnlyList<string> allReasons, string? pullingParent, bool countsChanges)
    {
        var list = new List<string>(r.Forced.Count + allReasons.Count + r.Spec.Count + r.Bases.Count + 1 + r.Tests.Count + r.Paths.Count);
        list.AddRange(r.Forced);
        list.AddRange(allReasons);
        list.AddRange(r.Spec);
        if (list.Count > 0 || pullingParent is not null || countsChanges) list.AddRange(r.Bases);
        if (pullingParent is not null) list.Add($"parent {pullingParent} is rebuilt");
        list.AddRange(r.Tests);
        list.AddRange(r.Paths);
        return list;
    }

    /// <summary>The plan without <paramref name="existing"/> (images whose fingerprint tag the registry has): they are
    /// no longer affected, the order and layers are those of the rest, and the plan lists them as left out.</summary>
    public static BuildPlan LeaveOut(BuildPlan plan, StackGraph graph, IReadOnlySet<string> existing)
    {
        var leftOut = plan.Order.Where(existing.Contains).ToList();
        if (leftOut.Count == 0) return plan;
        var rest = plan.Order.Where(n => !existing.Contains(n)).ToList();
        var images = plan.Images.Select(i => existing.Contains(i.Name) ? i with { Affected = false, Reasons = [] } : i).ToList();
        var note = $"left out {leftOut.Count} image(s) whose fingerprint tag the registry has (--leave-out-existing): {string.Join(", ", leftOut)}";
        // A new plan, not `plan with`: that would copy the plan's lookups of what is affected.
        return new BuildPlan(images, graph.Order(rest), graph.Layers(rest)) { Notes = [.. plan.Notes, note], LeftOut = leftOut };
    }

    /// <summary>A moved external base is a change when git's changes decide the plan (the image and what lies below it
    /// are built); in a plan of named images it only says why an image built anyway is built: it adds no image.</summary>
    private static void AddBaseMoves(PlanOptions options, Dictionary<string, ImageReasons> reasons)
    {
        foreach (var (name, moves) in options.BaseMoves)
            if (reasons.TryGetValue(name, out var r)) r.Bases.AddRange(moves);
    }

    private static string Sample(IEnumerable<string> names)
    {
        var list = names.Take(11).ToList();
        return list.Count > 10 ? string.Join(", ", list.Take(10)) + ", ..." : string.Join(", ", list);
    }
}
