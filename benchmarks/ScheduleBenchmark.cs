using Cascade.Docker;
using Cascade.Pipeline;
using Cascade.Stacks;

namespace Cascade.Benchmarks;

internal sealed record ScheduleOptions
{
    public int Slots { get; init; } = 2;
    public int ChainLength { get; init; } = 4;
    public int ChainSleepSeconds { get; init; } = 6;
    public int LeafCount { get; init; } = 6;
    public int LeafSleepSeconds { get; init; } = 3;

    /// <summary>The goal: critical-path-first at most this far above the lower bound.</summary>
    public double MaxRatio { get; init; } = 1.1;
}

/// <summary>Makespans of one stack under each ready-queue order, and the lower bound no order can beat.</summary>
internal sealed record ScheduleResult(ScheduleOptions Options, TimeSpan LowerBound, TimeSpan CriticalPathFirst, TimeSpan FirstComeFirstServed)
{
    public BenchmarkTable ToTable() => new(
        "Scheduling: critical path first",
        $"A root, a chain of {Options.ChainLength} images that each `RUN sleep {Options.ChainSleepSeconds}`, and beside it " +
        $"{Options.LeafCount} leaves of the root that each `RUN sleep {Options.LeafSleepSeconds}`, listed first in spec.yml; " +
        $"built cold by the scheduler with {Options.Slots} slots (`--parallelism {Options.Slots}`), once per order. Baseline: the " +
        $"lower bound max(critical path, total work / slots), from the per-image durations the critical-path run measured.",
        new BenchmarkCase("lower bound max(critical path, total work / slots)", Measurement.Of(LowerBound)),
        [
            new BenchmarkCase("critical path first (Cascade's order)", Measurement.Of(CriticalPathFirst), Options.MaxRatio),
            new BenchmarkCase("first come, first served", Measurement.Of(FirstComeFirstServed)),
        ]);
}

/// <summary>
/// Measures the scheduler's makespan on a stack built to punish a poor order: a long chain beside short
/// leaves. Both orders run in this process, through the same scheduler and the real engine, each on its
/// own cold stack. Every image either run made is removed, pass or fail.
/// </summary>
internal sealed class ScheduleBenchmark(DockerCli docker, TextWriter log, TimeProvider clock)
{
    public async Task<ScheduleResult> RunAsync(ScheduleOptions options, CancellationToken ct)
    {
        var writer = new FanOutStackWriter();
        var shape = Shape(options);
        var folder = Directory.CreateTempSubdirectory("cascade-bench-schedule-").FullName;
        var stacks = new List<FanOutStack>();
        try
        {
            using var engine = await DockerEngine.ConnectAsync(Environment.GetEnvironmentVariable("DOCKER_HOST"), ct);
            stacks.Add(writer.Write(Path.Combine(folder, "cp"), NewRunId(), shape));
            stacks.Add(writer.Write(Path.Combine(folder, "fifo"), NewRunId(), shape));
            var (critical, durations, graph) = await RunAsync(engine, stacks[0], SchedulingOrder.CriticalPathFirst, options, folder, ct);
            var (fifo, _, _) = await RunAsync(engine, stacks[1], SchedulingOrder.FirstComeFirstServed, options, folder, ct);
            var bound = LowerBound(graph, durations, options.Slots);
            log.WriteLine($"  Schedule: lower bound {BenchmarkReport.Seconds(bound)}, critical path first {BenchmarkReport.Seconds(critical)}, " +
                          $"first come first served {BenchmarkReport.Seconds(fifo)}");
            return new ScheduleResult(options, bound, critical, fifo);
        }
        finally
        {
            foreach (var stack in stacks) await docker.RemoveStackAsync(stack, CancellationToken.None);
            TempRepository.DeleteFolder(folder);
        }
    }

    // Leaves first: an order that takes images as they come starts every leaf before the chain.
    private static List<SleepingImage> Shape(ScheduleOptions o)
    {
        var images = Enumerable.Range(1, o.LeafCount).Select(i => new SleepingImage($"leaf-{i}", FanOutStackWriter.RootName, o.LeafSleepSeconds)).ToList();
        for (var i = 1; i <= o.ChainLength; i++)
            images.Add(new SleepingImage($"chain-{i}", i == 1 ? FanOutStackWriter.RootName : $"chain-{i - 1}", o.ChainSleepSeconds));
        return images;
    }

    private async Task<(TimeSpan Makespan, IReadOnlyDictionary<string, TimeSpan> Durations, StackGraph Graph)> RunAsync(
        IDockerEngine engine, FanOutStack stack, SchedulingOrder order, ScheduleOptions options, string folder, CancellationToken ct)
    {
        var loaded = SpecLoader.Load(stack.StackDirectory);
        var run = new RunOptions
        {
            Branch = "bench", ArtifactsDirectory = Path.Combine(folder, "artifacts-" + stack.RunId), UpTo = PipelineStage.Build,
            Parallelism = options.Slots, NoReuse = true, Scheduling = order,
        };
        var started = clock.GetTimestamp();
        var result = await new DagScheduler(engine, new PlainRunReporter(TextWriter.Null, Cascade.Reports.ResultsFile.Table), clock)
            .RunAsync(new RunRequest(loaded.Spec, loaded.Graph, loaded.Graph.Images, run), ct);
        var makespan = clock.GetElapsedTime(started);
        if (!result.Succeeded)
            throw new BenchmarkException($"the schedule benchmark's build ({order}) failed: " +
                string.Join("; ", result.Images.Where(i => !i.IsSuccess).Select(i => $"{i.Name}: {i.Reason}")));
        return (makespan, result.Images.ToDictionary(i => i.Name, i => i.Duration), loaded.Graph);
    }

    /// <summary>No order finishes before its longest path, nor before the work spread evenly over the slots.</summary>
    internal static TimeSpan LowerBound(StackGraph graph, IReadOnlyDictionary<string, TimeSpan> durations, int slots)
    {
        var longest = CriticalPath.RemainingWork(graph, graph.TopologicalOrder, durations).Values.Max();
        var total = durations.Values.Sum(d => d.TotalSeconds);
        return TimeSpan.FromSeconds(Math.Max(longest, total / slots));
    }

    private static string NewRunId() => Guid.NewGuid().ToString("N")[..12];
}
