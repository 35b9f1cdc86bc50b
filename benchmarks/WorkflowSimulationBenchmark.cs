using Cascade.Stacks;
using Cascade.Workflows;

namespace Cascade.Benchmarks;

/// <summary>
/// The generated workflow's makespan against the graph's critical path (requirement ≤ 1.15×, goal ≤ 1.05×) and
/// against DataHub's single job, counting what each runner pays (<see cref="RunnerModel"/>): a full rebuild on the
/// sample stack with DataHub-like figures and on generated stacks of 50, 300 and 1,000 images with seeded random ones;
/// and, on the sample stack and the 300-image one, a pull request changing the root and one leaf's last line edited
/// on a fresh runner, where DataHub's job has its cache. Simulated time: no runner is started, so the figures are
/// exact and the same on every machine.
/// </summary>
internal static class WorkflowSimulationBenchmark
{
    /// <summary>A multi-platform image's merge job: runner start, checkout, .NET set-up, PushIndex (a few small registry requests).</summary>
    public static readonly TimeSpan IndexJob = TimeSpan.FromSeconds(45);
    public const int FreePlanRunners = 20;
    public const double MaxRatio = 1.15;

    public static readonly RunnerModel Runner = new();

    public static IReadOnlyList<BenchmarkTable> Run(StackSpec sample)
    {
        var sampleGraph = new StackGraph(sample);
        var sampleImages = SampleProfiles(sample);
        var tables = new List<BenchmarkTable>
        {
            FullRebuild("the sample stack (3 images)", sample, sampleGraph, sampleImages),
        };
        var events = new List<BenchmarkTable>(Events("the sample stack", sample, sampleGraph, sampleImages));
        foreach (var size in new[] { 50, 300, 1000 })
        {
            var folder = Directory.CreateTempSubdirectory("cascade-sim-").FullName;
            try
            {
                var stack = new StackGenerator().Generate(folder, size, changedPathCount: 0, seed: size);
                var graph = new StackGraph(stack.Spec);
                var images = RandomProfiles(graph, size);
                tables.Add(FullRebuild($"a generated stack of {size:N0} images", stack.Spec, graph, images));
                if (size == 300) events.AddRange(Events($"a generated stack of {size:N0} images", stack.Spec, graph, images));
            }
            finally
            {
                TempRepository.DeleteFolder(folder);
            }
        }
        return [.. tables, .. events];
    }

    private static SimulationCosts Template(StackSpec spec) =>
        new(new Dictionary<string, TimeSpan>(), Runner.Setup, Runner.PlanJob(compiles: false))
        {
            PlatformCounts = SimulationCosts.PlatformCountsOf(spec), IndexJob = IndexJob,
        };

    private static BenchmarkCase Case(string name, TimeSpan t, double? max = null) => new(name, Measurement.Of(t), max);

    private static string CostsText() =>
        $"Each job on a fresh runner pays {Minutes(Runner.Setup)} of set-up (runner start, checkout, .NET, test tools, login) and " +
        $"{Minutes(Runner.ProgramRestore)} to restore Cascade, which the plan job compiled once ({Minutes(Runner.Compile)}; " +
        $"{Minutes(Runner.ProgramRestore)} when build/ did not change, as here) before planning ({Minutes(Runner.Planning)}); then it " +
        $"pulls its parents at {Runner.PullGigabytesPerSecond * 1000:0} MB/s, its previous build when that can share steps (the layer cache), " +
        $"builds and tests, and pushes new layers at {Runner.PushGigabytesPerSecond * 1000:0} MB/s.";

    private static BenchmarkTable FullRebuild(string what, StackSpec spec, StackGraph graph, IReadOnlyDictionary<string, ImageProfile> images)
    {
        var scenario = WorkflowScenario.FullRebuild(graph, images, Runner);
        var costs = scenario.Cascade(Template(spec));
        var options = new WorkflowOptions("images");
        var (auto, generated) = WorkflowGenerator.BuildTestPush(spec, graph, options);
        // The matrix layout has no platform axis (the generator refuses it for a stack with platforms): no comparison then.
        var matrix = PlatformJobs.Needed(spec) ? null : BuildTestPushWorkflow.Create(spec, graph, options, WorkflowLayout.Matrix);
        var jobs = BuildTestPushWorkflow.Create(spec, graph, options, WorkflowLayout.Jobs);
        var bytes = System.Text.Encoding.UTF8.GetByteCount(WorkflowYaml.Write(generated));
        var pureWork = CriticalPathOfWork(graph, costs.ImageDurations);
        BenchmarkCase[] Alternative() => auto == WorkflowLayout.Jobs
            ? matrix is null ? [] : [Case("the matrix layout instead (one matrix per depth)", WorkflowSimulation.Makespan(matrix, graph, costs))]
            : [Case("the jobs layout instead (one job per image)", WorkflowSimulation.Makespan(jobs, graph, costs))];
        var makespan = WorkflowSimulation.Makespan(generated, graph, costs);
        var allJobs = graph.Images.Aggregate(TimeSpan.Zero, (sum, i) => sum + costs.ImageJob(i).Total);
        var limitedBound = TimeSpan.FromTicks(Math.Max(WorkflowSimulation.CriticalPath(graph, costs).Ticks, allJobs.Ticks / FreePlanRunners));
        return new BenchmarkTable(
            $"Workflow makespan: {what}",
            $"A full rebuild of {what} (every image from scratch, no cache: the weekly refresh) as the generated " +
            $"build-test-push.yml runs it on GitHub, simulated: a job starts when the jobs it `needs` are done. {CostsText()} " +
            "Baseline: the graph's critical path with the same costs (the plan job, then the longest chain of image jobs), " +
            "which no schedule can beat.",
            Case("critical path", WorkflowSimulation.CriticalPath(graph, costs)),
            [
                Case($"generated workflow ({Describe(auto)}), runners as needed", makespan, MaxRatio),
                Case($"generated workflow, {FreePlanRunners} runners at once (GitHub Free)", WorkflowSimulation.Makespan(generated, graph, costs with { RunnerLimit = FreePlanRunners })),
                .. Alternative(),
                Case("DataHub: one job builds every image in turn", WorkflowSimulation.SingleSequentialJob(graph, costs)),
            ])
        {
            Notes =
            [
                $"Goal: the generated workflow within 1.05× of the critical path. Against the critical path of the images' work " +
                $"alone (no runner costs, no plan job: {Minutes(pureWork)}) the generated workflow takes {makespan / pureWork:0.00}×.",
                $"With {FreePlanRunners} runners no schedule finishes before {Minutes(limitedBound)} (the critical path, or all jobs " +
                $"shared by {FreePlanRunners}); GitHub starts queued jobs first come, first served.",
                $"build-test-push.yml for this stack: {bytes / 1024.0:0.#} KB ({Describe(auto)}; GitHub's limit is 500 KB per file, " +
                $"256 jobs per matrix).",
                $"Images: {ProfilesNote(graph, images)}.",
                .. JobNotes(graph, costs),
            ],
        };
    }

    /// <summary>The two everyday events: a pull request that changes the root (the one with the most images below it), and
    /// a branch that edits the last line of one leaf (the one whose own work is longest), built on fresh runners.</summary>
    private static IEnumerable<BenchmarkTable> Events(string what, StackSpec spec, StackGraph graph, IReadOnlyDictionary<string, ImageProfile> images)
    {
        var root = graph.Roots.MaxBy(r => graph.Descendants(r).Count)!;
        var leaf = graph.Images.Where(i => !graph.Children(i).Any()).MaxBy(i => images[i].Work)!;
        yield return Event($"a pull request changing the root, {what}",
            $"A same-repository pull request edits the last line of {root}, the root with the most images below it " +
            $"({graph.Descendants(root).Count}): {root} builds from its cache, everything below it from scratch (its parent is " +
            "new). Cascade's jobs push fingerprint tags only, so each child pulls its parent from the registry; DataHub's job " +
            "pushes nothing.",
            spec, graph, new WorkflowScenario(graph, images, new Dictionary<string, ImageChange> { [root] = ImageChange.LastLine }, PullRequest: true, Runner));
        yield return Event($"one leaf's last line edited on a fresh runner, {what}",
            $"A branch edits the last line of {leaf} (a leaf, the one with the longest build): only it is affected; its job " +
            "pulls its parent and its previous build and takes every step but the last from that cache.",
            spec, graph, new WorkflowScenario(graph, images, new Dictionary<string, ImageChange> { [leaf] = ImageChange.LastLine }, PullRequest: false, Runner));
    }

    private static BenchmarkTable Event(string title, string description, StackSpec spec, StackGraph graph, WorkflowScenario scenario)
    {
        var costs = scenario.Cascade(Template(spec));
        var generated = WorkflowGenerator.BuildTestPush(spec, graph, new WorkflowOptions("images")).Workflow;
        var before = scenario.CascadeBefore(Template(spec));
        return new BenchmarkTable(
            $"Workflow: {title}",
            $"{description} Simulated as the generated build-test-push.yml runs it. {CostsText()} Baseline: the critical path " +
            "with the same costs. DataHub's single job has its cache: before building each affected image it pulls that " +
            "image's previous build (`docker pull` + `docker build --cache-from`, whatever its parent) — only the layers it does not " +
            "hold yet.",
            Case("critical path", WorkflowSimulation.CriticalPath(graph, costs)),
            [
                Case("generated workflow, runners as needed", WorkflowSimulation.Makespan(generated, graph, costs), MaxRatio),
                Case("DataHub: one job with its cache", scenario.DataHubWithCache()),
                Case("Cascade before: no layer cache, every job compiles" + (scenario.PullRequest ? ", children rebuild their parents" : ""),
                    WorkflowSimulation.Makespan(generated, graph, before)),
            ])
        {
            Notes =
            [
                $"{scenario.Affected.Count} image(s) affected; {scenario.Affected.Count(scenario.Cached)} built from the cache of " +
                $"their previous build. When build/ changed, the plan job compiles Cascade: +{Minutes(Runner.Compile - Runner.ProgramRestore)} once per run.",
                .. JobNotes(graph, costs),
            ],
        };
    }

    /// <summary>Where the time goes: each affected job's parts on a small stack; on a large one, all jobs' parts summed
    /// and the longest job.</summary>
    private static IEnumerable<string> JobNotes(StackGraph graph, SimulationCosts costs)
    {
        var affected = graph.Images.Where(costs.IsAffected).ToList();
        if (affected.Count <= 5)
        {
            var ids = new JobIds(graph.Images);
            foreach (var image in affected) yield return "Job " + WorkflowScenario.Describe(ids[image], costs.ImageJob(image));
            yield break;
        }
        var parts = affected.Select(costs.ImageJob).ToList();
        TimeSpan Sum(Func<JobParts, TimeSpan> part) => parts.Aggregate(TimeSpan.Zero, (sum, p) => sum + part(p));
        yield return $"All {affected.Count} image jobs together (runner time): set-up {Minutes(Sum(p => p.Setup))}, Cascade " +
                     $"{Minutes(Sum(p => p.Program))}, parents pulled {Minutes(Sum(p => p.Parents))}, cache pulled {Minutes(Sum(p => p.Cache))}, " +
                     $"build and tests {Minutes(Sum(p => p.Work))}, push {Minutes(Sum(p => p.Push))}.";
        var longest = affected.MaxBy(i => costs.ImageJob(i).Total)!;
        yield return "The longest job " + WorkflowScenario.Describe(new JobIds(graph.Images)[longest], costs.ImageJob(longest));
    }

    private static string Describe(WorkflowLayout layout) => layout == WorkflowLayout.Jobs ? "one job per image" : "one matrix per depth";

    // DataHub's stack as its spec names it: the root is the hour-long build on top of a big external base, the notebooks
    // on top shorter; a last line edited costs its step and the image's tests.
    private static IReadOnlyDictionary<string, ImageProfile> SampleProfiles(StackSpec sample) =>
        sample.Images.ToDictionary(i => i.Name, i => i.DependOn.Count == 0
            ? new ImageProfile(TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(3), OwnGigabytes: 1.0, BaseGigabytes: 2.0)
            : i.Name.Contains("scipy")
                ? new ImageProfile(TimeSpan.FromMinutes(20), TimeSpan.FromMinutes(3), OwnGigabytes: 3.0)
                : new ImageProfile(TimeSpan.FromMinutes(12), TimeSpan.FromMinutes(3), OwnGigabytes: 0.8));

    // Roots 20–40 min on a 1–3 GB external base, other images 2–20 min; each 0.2–2 GB of its own, 1–3 min for a last
    // line and its tests; seeded, so the same every run.
    private static IReadOnlyDictionary<string, ImageProfile> RandomProfiles(StackGraph graph, int seed)
    {
        var random = new Random(seed);
        return graph.TopologicalOrder.ToDictionary(i => i, i => graph.Parents(i).Any()
            ? new ImageProfile(TimeSpan.FromMinutes(2 + random.Next(19)), TimeSpan.FromMinutes(1 + random.Next(3)), 0.2 + random.Next(19) / 10.0)
            : new ImageProfile(TimeSpan.FromMinutes(20 + random.Next(21)), TimeSpan.FromMinutes(1 + random.Next(3)), 0.5 + random.Next(11) / 10.0,
                BaseGigabytes: 1 + random.Next(21) / 10.0));
    }

    private static TimeSpan CriticalPathOfWork(StackGraph graph, IReadOnlyDictionary<string, TimeSpan> durations) =>
        WorkflowSimulation.CriticalPath(graph, new SimulationCosts(durations, TimeSpan.Zero, TimeSpan.Zero));

    private static string ProfilesNote(StackGraph graph, IReadOnlyDictionary<string, ImageProfile> images) =>
        graph.Images.Count <= 5
            ? string.Join(", ", graph.Images.Select(i => $"{i} {images[i].Work.TotalMinutes:0} min, {images[i].OwnGigabytes:0.#} GB" +
                                                         (images[i].BaseGigabytes > 0 ? $" on a {images[i].BaseGigabytes:0.#} GB base" : "")))
            : $"roots 20–40 min on a 1–3 GB base, the other images 2–20 min, 0.2–2 GB each (seeded random); {graph.Images.Count} images, " +
              $"{graph.Images.Max(graph.Depth) + 1} depths, {Minutes(images.Values.Aggregate(TimeSpan.Zero, (a, b) => a + b.Work))} of work in all";

    private static string Minutes(TimeSpan t) => WorkflowScenario.Short(t);
}
