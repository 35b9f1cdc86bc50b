namespace Cascade.Benchmarks;

internal sealed record FanOutOptions
{
    public int ChildCount { get; init; } = 6;
    public int SleepSeconds { get; init; } = 5;
    public int Parallelism { get; init; } = 6;

    /// <summary>Each repetition is cold: new stacks, new labels, all images removed after.</summary>
    public int Repetitions { get; init; } = 3;

    /// <summary>The requirement: Cascade's parallel build takes at most this share of the sequential baseline.</summary>
    public double MaxRatio { get; init; } = 0.5;
}

internal sealed record FanOutResult(FanOutOptions Options, Measurement Sequential, Measurement Cascade, Measurement NothingChanged,
    Measurement PlanAll, Measurement ReusedAll)
{
    /// <summary>The issue's bar: `Build --all` when every image exists by fingerprint, at most 3× `Plan --all`.</summary>
    public const double MaxReuseRatio = 3.0;

    public BenchmarkTable ToReuseTable() => new(
        "Reuse: nothing is built that exists",
        $"The same fan-out stack right after its cold build: `Build --all` forces every image, and every one is found by " +
        $"its fingerprint tag in the daemon and reused (tagged, not built). Baseline: `Plan --all` on the same stack, as a " +
        $"whole process. {Options.Repetitions} repetition(s).",
        new BenchmarkCase("Plan --all", PlanAll),
        [new BenchmarkCase($"Build --all, all {Options.ChildCount + 1} images reused", ReusedAll, MaxReuseRatio)]);

    public BenchmarkTable ToTable() => new(
        "Fan-out build",
        $"A root (FROM scratch + busybox) and {Options.ChildCount} children that each `RUN sleep {Options.SleepSeconds}`, " +
        $"built cold. Baseline: plain `docker build` one image after another in level order (root, then the children), " +
        $"as a single CI job does. Against it: `Build --all --parallelism {Options.Parallelism}` as a whole process, and " +
        $"`Build --base-ref HEAD` right after it, when nothing changed. {Options.Repetitions} cold repetition(s).",
        new BenchmarkCase($"sequential docker build, {Options.ChildCount + 1} images", Sequential),
        [
            new BenchmarkCase($"Cascade Build --all --parallelism {Options.Parallelism}", Cascade, Options.MaxRatio),
            new BenchmarkCase("Cascade Build, nothing changed", NothingChanged),
        ]);
}

/// <summary>
/// Proves that Cascade builds independent images in parallel: a fan-out stack built by a sequential baseline
/// and by Cascade, each from cold. Every image either side made is removed, pass or fail.
/// </summary>
/// <param name="cascadeRoot">Where Cascade is run from (a folder with .nuke/); the stack is given by absolute path.</param>
internal sealed class FanOutBenchmark(CascadeCommand cascade, string cascadeRoot, DockerCli docker, TextWriter log, TimeProvider clock)
{
    public async Task<FanOutResult> RunAsync(FanOutOptions options, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Repetitions, 1);
        var writer = new FanOutStackWriter { ChildCount = options.ChildCount, SleepSeconds = options.SleepSeconds };
        List<TimeSpan> sequential = [], parallel = [], nothing = [], planAll = [], reusedAll = [];
        for (var i = 0; i < options.Repetitions; i++)
        {
            var folder = Directory.CreateTempSubdirectory("cascade-bench-fanout-").FullName;
            var stacks = new List<FanOutStack>();
            try
            {
                // Two stacks with different run ids: Cascade must not find the baseline's layers in the cache.
                stacks.Add(writer.Write(Path.Combine(folder, "baseline"), NewRunId()));
                stacks.Add(writer.Write(Path.Combine(folder, "cascade"), NewRunId()));
                sequential.Add(await SequentialAsync(stacks[0], ct));
                parallel.Add(await CascadeBuildAsync(stacks[1], options, Path.Combine(folder, "artifacts"), ct));
                nothing.Add(await CascadeNothingChangedAsync(stacks[1], Path.Combine(folder, "artifacts"), ct));
                planAll.Add(await CascadePlanAllAsync(stacks[1], ct));
                reusedAll.Add(await CascadeReusedAllAsync(stacks[1], Path.Combine(folder, "artifacts"), ct));
                log.WriteLine($"  Fan-out run {i + 1}: sequential {BenchmarkReport.Seconds(sequential[^1])}, " +
                              $"Cascade {BenchmarkReport.Seconds(parallel[^1])}, nothing changed {BenchmarkReport.Seconds(nothing[^1])}");
            }
            finally
            {
                foreach (var stack in stacks) await docker.RemoveStackAsync(stack, CancellationToken.None);
                TempRepository.DeleteFolder(folder);
            }
        }
        return new FanOutResult(options, new Measurement(sequential), new Measurement(parallel), new Measurement(nothing),
            new Measurement(planAll), new Measurement(reusedAll));
    }

    private static string NewRunId() => Guid.NewGuid().ToString("N")[..12];

    /// <summary>The baseline: the root, then each child, one `docker build` after another.</summary>
    private async Task<TimeSpan> SequentialAsync(FanOutStack stack, CancellationToken ct)
    {
        var started = clock.GetTimestamp();
        var rootTag = $"{stack.Repository(stack.RootName)}:latest";
        await docker.BuildAsync(stack.ContextOf(stack.RootName), rootTag, new Dictionary<string, string>(), ct);
        foreach (var child in stack.ChildNames)
            await docker.BuildAsync(stack.ContextOf(child), $"{stack.Repository(child)}:latest",
                new Dictionary<string, string> { ["BASE_IMAGE"] = rootTag }, ct);
        return clock.GetElapsedTime(started);
    }

    private async Task<TimeSpan> CascadeBuildAsync(FanOutStack stack, FanOutOptions options, string artifacts, CancellationToken ct)
    {
        var run = await cascade.RunAsync(
            ["Build", "--stack", stack.StackDirectory, "--all", "--parallelism", options.Parallelism.ToString(), "--artifacts", artifacts],
            cascadeRoot, clock, ct);
        if (!run.Succeeded) throw BenchmarkException.Failed($"`{cascade} Build --all` on the fan-out stack", run);
        // Timing a run that built less than the stack would flatter Cascade: every image must now exist.
        var built = (await docker.ReferencesUnderAsync(stack.Owner, ct)).Select(r => r[..r.LastIndexOf(':')]).ToHashSet();
        var missing = new[] { stack.RootName }.Concat(stack.ChildNames).Where(n => !built.Contains(stack.Repository(n))).ToList();
        if (missing.Count > 0)
            throw new BenchmarkException($"`{cascade} Build --all` succeeded but did not build {string.Join(", ", missing)}; the end of its output:\n{run.OutputTail}");
        return run.WallTime;
    }

    private async Task<TimeSpan> CascadePlanAllAsync(FanOutStack stack, CancellationToken ct)
    {
        var run = await cascade.RunAsync(["Plan", "--stack", stack.StackDirectory, "--all"], cascadeRoot, clock, ct);
        return run.Succeeded ? run.WallTime : throw BenchmarkException.Failed($"`{cascade} Plan --all` on the fan-out stack", run);
    }

    private async Task<TimeSpan> CascadeReusedAllAsync(FanOutStack stack, string artifacts, CancellationToken ct)
    {
        var run = await cascade.RunAsync(["Build", "--stack", stack.StackDirectory, "--all", "--artifacts", artifacts], cascadeRoot, clock, ct);
        if (!run.Succeeded) throw BenchmarkException.Failed($"`{cascade} Build --all` (all reused) on the fan-out stack", run);
        // A run that built anything would not be the case measured.
        if (run.Printed("building"))
            throw new BenchmarkException($"`{cascade} Build --all` right after a build built something instead of reusing it:\n{run.OutputTail}");
        return run.WallTime;
    }

    private async Task<TimeSpan> CascadeNothingChangedAsync(FanOutStack stack, string artifacts, CancellationToken ct)
    {
        var run = await cascade.RunAsync(["Build", "--stack", stack.StackDirectory, "--base-ref", "HEAD", "--artifacts", artifacts],
            cascadeRoot, clock, ct);
        if (!run.Succeeded) throw BenchmarkException.Failed($"`{cascade} Build --base-ref HEAD` on the fan-out stack", run);
        if (!run.Printed("Nothing to build"))
            throw new BenchmarkException($"`{cascade} Build --base-ref HEAD` did not say \"Nothing to build\"; the end of its output:\n{run.OutputTail}");
        return run.WallTime;
    }
}
