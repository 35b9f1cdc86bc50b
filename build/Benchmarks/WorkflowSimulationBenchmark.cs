using Cascade.Stacks;
using Cascade.Workflows;

namespace Cascade.Benchmarks;

/// <summary>
/// The generated workflow's makespan for a full rebuild against the graph's critical path (requirement
/// ≤ 1.15×, goal ≤ 1.05×) and against DataHub's single sequential job, on the sample stack with DataHub-like
/// durations and on generated stacks of 50, 300 and 1,000 images with seeded random durations.
/// Simulated time: no runner is started, so the figures are exact and the same on every machine.
/// </summary>
public static class WorkflowSimulationBenchmark
{
    public static readonly TimeSpan JobOverhead = TimeSpan.FromSeconds(90);
    public static readonly TimeSpan PlanJob = TimeSpan.FromMinutes(2);
    /// <summary>A multi-platform image's merge job: runner start, checkout, .NET set-up, PushIndex (a few small registry requests).</summary>
    public static readonly TimeSpan IndexJob = TimeSpan.FromSeconds(45);
    public const int FreePlanRunners = 20;
    public const double MaxRatio = 1.15;

    public static IReadOnlyList<BenchmarkTable> Run(StackSpec sample)
    {
        var tables = new List<BenchmarkTable>
        {
            Table("the sample stack (3 images)", sample, new StackGraph(sample), SampleDurations(sample)),
        };
        foreach (var size in new[] { 50, 300, 1000 })
        {
            var folder = Directory.CreateTempSubdirectory("cascade-sim-").FullName;
            try
            {
                var stack = new StackGenerator().Generate(folder, size, changedPathCount: 0, seed: size);
                var graph = new StackGraph(stack.Spec);
                tables.Add(Table($"a generated stack of {size:N0} images", stack.Spec, graph, RandomDurations(graph, size)));
            }
            finally
            {
                TempRepository.DeleteFolder(folder);
            }
        }
        return tables;
    }

    private static BenchmarkTable Table(string what, StackSpec spec, StackGraph graph, IReadOnlyDictionary<string, TimeSpan> durations)
    {
        var costs = new SimulationCosts(durations, JobOverhead, PlanJob)
        {
            PlatformCounts = SimulationCosts.PlatformCountsOf(spec), IndexJob = IndexJob,
        };
        var options = new WorkflowOptions("images");
        var (auto, generated) = WorkflowGenerator.BuildTestPush(spec, graph, options);
        // The matrix layout has no platform axis (the generator refuses it for a stack with platforms): no comparison then.
        var matrix = PlatformJobs.Needed(spec) ? null : BuildTestPushWorkflow.Create(spec, graph, options, WorkflowLayout.Matrix);
        var jobs = BuildTestPushWorkflow.Create(spec, graph, options, WorkflowLayout.Jobs);
        var bytes = System.Text.Encoding.UTF8.GetByteCount(WorkflowYaml.Write(generated));
        BenchmarkCase Case(string name, TimeSpan t, double? max = null) => new(name, Measurement.Of(t), max);
        var pureWork = CriticalPathOfWork(graph, durations);
        BenchmarkCase[] Alternative() => auto == WorkflowLayout.Jobs
            ? matrix is null ? [] : [Case("the matrix layout instead (one matrix per depth)", WorkflowSimulation.Makespan(matrix, graph, costs))]
            : [Case("the jobs layout instead (one job per image)", WorkflowSimulation.Makespan(jobs, graph, costs))];
        var makespan = WorkflowSimulation.Makespan(generated, graph, costs);
        var allWork = durations.Values.Aggregate(TimeSpan.Zero, (a, b) => a + b);
        var limitedBound = TimeSpan.FromTicks(Math.Max(WorkflowSimulation.CriticalPath(graph, costs).Ticks, (allWork + JobOverhead * graph.Images.Count).Ticks / FreePlanRunners));
        return new BenchmarkTable(
            $"Workflow makespan: {what}",
            $"A full rebuild of {what} as the generated build-test-push.yml runs it on GitHub, simulated: a job starts when " +
            $"the jobs it `needs` are done, each image job costs {JobOverhead.TotalSeconds:0} s of overhead (runner start, checkout, " +
            $".NET set-up, pulling its parents) plus the image's own build and test, the plan job {PlanJob.TotalMinutes:0} min. " +
            "Baseline: the graph's critical path with the same costs (the plan job, then the longest chain of images, " +
            "each with its overhead), which no schedule can beat.",
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
                $"alone (no overhead, no plan job: {Minutes(pureWork)}) the generated workflow takes {makespan / pureWork:0.00}×.",
                $"With {FreePlanRunners} runners no schedule finishes before {Minutes(limitedBound)} (the critical path, or all work " +
                $"and overhead shared by {FreePlanRunners}); GitHub starts queued jobs first come, first served.",
                $"build-test-push.yml for this stack: {bytes / 1024.0:0.#} KB ({Describe(auto)}; GitHub's limit is 500 KB per file, " +
                $"256 jobs per matrix).",
                $"Durations: {DurationsNote(graph, durations)}.",
            ],
        };
    }

    private static string Describe(WorkflowLayout layout) => layout == WorkflowLayout.Jobs ? "one job per image" : "one matrix per depth";

    // DataHub's stack as its spec names it: the root is the hour-long build, the notebooks on top shorter.
    private static IReadOnlyDictionary<string, TimeSpan> SampleDurations(StackSpec sample) =>
        sample.Images.ToDictionary(i => i.Name, i => TimeSpan.FromMinutes(i.DependOn.Count == 0 ? 30 : i.Name.Contains("scipy") ? 20 : 12));

    // Roots 20–40 min (a base OS and a language stack), other images 2–20 min; seeded, so the same every run.
    private static IReadOnlyDictionary<string, TimeSpan> RandomDurations(StackGraph graph, int seed)
    {
        var random = new Random(seed);
        return graph.TopologicalOrder.ToDictionary(i => i, i => TimeSpan.FromMinutes(
            graph.Parents(i).Any() ? 2 + random.Next(19) : 20 + random.Next(21)));
    }

    private static TimeSpan CriticalPathOfWork(StackGraph graph, IReadOnlyDictionary<string, TimeSpan> durations) =>
        WorkflowSimulation.CriticalPath(graph, new SimulationCosts(durations, TimeSpan.Zero, TimeSpan.Zero));

    private static string DurationsNote(StackGraph graph, IReadOnlyDictionary<string, TimeSpan> durations) =>
        graph.Images.Count <= 5
            ? string.Join(", ", graph.Images.Select(i => $"{i} {durations[i].TotalMinutes:0} min"))
            : $"roots 20–40 min, the other images 2–20 min (seeded random); {graph.Images.Count} images, " +
              $"{graph.Images.Max(graph.Depth) + 1} depths, {Minutes(durations.Values.Aggregate(TimeSpan.Zero, (a, b) => a + b))} of work in all";

    private static string Minutes(TimeSpan t) => $"{t.TotalMinutes:0} min";
}
