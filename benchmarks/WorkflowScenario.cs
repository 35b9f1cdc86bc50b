using Cascade.Stacks;

namespace Cascade.Benchmarks;

/// <summary>How an event changes an image: its last line (the steps before it can come from a cache), or more (a full build).</summary>
internal enum ImageChange { LastLine, Rebuild }

/// <summary>
/// One simulated event on a stack: which images change and how, whether it is a pull request, and the costs every
/// side of the comparison pays for it. An image is affected when it or an ancestor changed; it can take its steps from
/// its previous build only when its own change is its last line and no ancestor changed (with another parent no step
/// matches).
/// </summary>
/// <param name="Changes">The images the event changes; their descendants are rebuilt.</param>
/// <param name="PullRequest">A pull request: Cascade's jobs push fingerprint tags only (its children pull their parents
/// from the registry); DataHub's job pushes nothing.</param>
/// <param name="BuildChanged">Whether build/ changed, so the plan job compiles Cascade instead of restoring it.</param>
internal sealed record WorkflowScenario(StackGraph Graph, IReadOnlyDictionary<string, ImageProfile> Images,
    IReadOnlyDictionary<string, ImageChange> Changes, bool PullRequest, RunnerModel Runner, bool BuildChanged = false)
{
    /// <summary>Every image of the stack rebuilt from scratch (a refresh: no cache), pushed.</summary>
    public static WorkflowScenario FullRebuild(StackGraph graph, IReadOnlyDictionary<string, ImageProfile> images, RunnerModel runner) =>
        new(graph, images, graph.Images.ToDictionary(i => i, _ => ImageChange.Rebuild), PullRequest: false, runner) { SeedsCache = false };

    /// <summary>Whether a build may pull its previous build as its cache (off for a refresh, which wants no cache).</summary>
    public bool SeedsCache { get; init; } = true;

    public IReadOnlySet<string> Affected => affected ??= Graph.WithDescendants(Changes.Keys);

    private IReadOnlySet<string>? affected;

    /// <summary>Whether <paramref name="image"/>'s build takes every step but its last line from its previous build.</summary>
    public bool Cached(string image) =>
        SeedsCache && Changes.GetValueOrDefault(image) == ImageChange.LastLine && !Graph.Ancestors(image).Any(Affected.Contains);

    private TimeSpan Work(string image) => Cached(image) ? Images[image].EditedWork : Images[image].Work;

    /// <summary>What a pull of the image downloads onto a runner that has nothing: its external base and every
    /// ancestor's layers and its own.</summary>
    private double FullGigabytes(string image) =>
        Graph.Ancestors(image).Append(image).Sum(i => Images[i].OwnGigabytes + Images[i].BaseGigabytes);

    private double ParentGigabytes(string image) => FullGigabytes(image) - Images[image].OwnGigabytes;

    /// <summary>Cascade's generated workflow for this event: one job per image, each on a fresh runner that restores the
    /// program, pulls its parents, pulls its previous build when that can share steps, builds, tests and pushes.</summary>
    public SimulationCosts Cascade(SimulationCosts template) => template with
    {
        ImageDurations = Graph.Images.ToDictionary(i => i, Work),
        JobOverhead = Runner.Setup,
        Plan = Runner.PlanJob(BuildChanged),
        Affected = Affected,
        Program = Runner.ProgramRestore,
        ParentPulls = Graph.Images.ToDictionary(i => i, i => Runner.Pull(ParentGigabytes(i))),
        CachePulls = Graph.Images.Where(Cached).ToDictionary(i => i, i => Runner.Pull(Images[i].OwnGigabytes)),
        // A cached build's layers are in the registry already but for its last line's, which is small.
        Pushes = Graph.Images.Where(i => !Cached(i)).ToDictionary(i => i, i => Runner.Push(Images[i].OwnGigabytes)),
    };

    /// <summary>Cascade before the layer cache was seeded and the program handed over: every image job compiled
    /// Cascade and built from scratch, and on a pull request (which pushed nothing) each job first built the affected
    /// ancestors it needed itself.</summary>
    public SimulationCosts CascadeBefore(SimulationCosts template)
    {
        var unseeded = this with { SeedsCache = false };
        var costs = unseeded.Cascade(template);
        if (!PullRequest) return costs with { Program = Runner.Compile, Plan = Runner.PlanJob(compiles: true) };
        return costs with
        {
            Program = Runner.Compile, Plan = Runner.PlanJob(compiles: true),
            ImageDurations = Graph.Images.ToDictionary(i => i, i => unseeded.Work(i) + Graph.Ancestors(i).Where(Affected.Contains).Aggregate(TimeSpan.Zero, (sum, a) => sum + unseeded.Work(a))),
            // The external base is pulled either way; an affected ancestor is built here instead of pulled.
            ParentPulls = Graph.Images.ToDictionary(i => i, i => Runner.Pull(Graph.Ancestors(i).Append(i).Sum(a => Images[a].BaseGigabytes)
                + Graph.Ancestors(i).Where(a => !Affected.Contains(a)).Sum(a => Images[a].OwnGigabytes))),
            Pushes = new Dictionary<string, TimeSpan>(),
        };
    }

    /// <summary>DataHub's single job with its cache: one runner builds the affected images in order, pulling each one's
    /// previous image first (`docker pull` + `docker build --cache-from`, whatever its parent) — only the layers it does
    /// not hold yet — and pushes each (not on a pull request).</summary>
    public TimeSpan DataHubWithCache()
    {
        var local = new HashSet<string>(StringComparer.Ordinal); // "base:X", "prev:X", "new:X": groups of layers the runner holds
        var total = Runner.Setup;
        foreach (var image in Graph.TopologicalOrder.Where(Affected.Contains))
        {
            // The previous image: the external base and the previous build of every image down its chain.
            var chain = Graph.Ancestors(image).Append(image).ToList();
            var groups = chain.Where(i => Images[i].BaseGigabytes > 0).Select(i => ("base:" + i, Images[i].BaseGigabytes))
                .Concat(chain.Select(i => ("prev:" + i, Images[i].OwnGigabytes)));
            total += Runner.Pull(groups.Where(g => local.Add(g.Item1)).Sum(g => g.Item2));
            total += Work(image);
            local.Add("new:" + image);
            if (!PullRequest && !Cached(image)) total += Runner.Push(Images[image].OwnGigabytes);
        }
        return total;
    }

    /// <summary>The job's parts as a line: where an image job's time goes.</summary>
    public static string Describe(string job, JobParts parts) =>
        $"`{job}`: set-up {Short(parts.Setup)}, Cascade {Short(parts.Program)}, parents pulled {Short(parts.Parents)}, " +
        $"cache pulled {Short(parts.Cache)}, build and tests {Short(parts.Work)}, push {Short(parts.Push)} — {Short(parts.Total)} in all";

    public static string Short(TimeSpan t) =>
        t < TimeSpan.FromMinutes(2) ? $"{t.TotalSeconds:0} s" : $"{t.TotalMinutes:0.#} min";
}
