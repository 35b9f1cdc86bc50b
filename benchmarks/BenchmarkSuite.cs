namespace Cascade.Benchmarks;

/// <summary>What the Benchmark target runs, and where the report goes.</summary>
internal sealed record BenchmarkSettings
{
    /// <summary>The sample stack (images/) that is the Plan benchmark's baseline.</summary>
    public required string SampleStackDirectory { get; init; }

    /// <summary>docs/benchmarks.md.</summary>
    public required string ReportFile { get; init; }

    public PlanScaleOptions Plan { get; init; } = new();

    /// <summary>The repository holding build.sh: when given, Plan is also measured through ./build.sh.</summary>
    public string? BuildScriptRoot { get; init; }
    public FanOutOptions FanOut { get; init; } = new();
    public ScheduleOptions Schedule { get; init; } = new();
    public EmulationOptions Emulation { get; init; } = new();
    public PromotionOptions Promotion { get; init; } = new();
    public CacheSeedOptions CacheSeed { get; init; } = new();
}

/// <summary>
/// Runs every benchmark, then writes the report. The entry point for the Benchmark target:
/// <code>await new BenchmarkSuite(CascadeCommand.ForCurrentProcess(), Out, TimeProvider.System).RunAsync(settings, ct)</code>
/// Returns whether every requirement passed; throws <see cref="BenchmarkException"/> when a benchmark could not measure.
/// </summary>
internal sealed class BenchmarkSuite(CascadeCommand cascade, TextWriter log, TimeProvider clock)
{
    /// <summary>Where the measured runs start: a scratch root (an empty .nuke/), so they neither read the user's
    /// .nuke/parameters.json (a registry there would change what Build does) nor write to its .nuke/temp.
    /// The caller deletes it.</summary>
    public static string CreateScratchRoot()
    {
        var scratchRoot = Directory.CreateTempSubdirectory("cascade-bench-root-").FullName;
        Directory.CreateDirectory(Path.Combine(scratchRoot, ".nuke"));
        return scratchRoot;
    }

    public async Task<bool> RunAsync(BenchmarkSettings settings, CancellationToken ct)
    {
        var process = new TimedProcess(clock);
        var machine = await MachineInfo.DetectAsync(process, ct);
        var scratchRoot = CreateScratchRoot();
        PlanScaleResult plan;
        FanOutResult fanOut;
        ScheduleResult schedule;
        EmulationResult? emulation;
        PromotionResult promotion;
        CacheSeedResult cacheSeed;
        try
        {
            log.WriteLine($"Benchmarks with {cascade}, from {scratchRoot}");
            var script = settings.BuildScriptRoot is { } root ? CascadeCommand.ForBuildScript(root) : null;
            plan = await new PlanScaleBenchmark(cascade, scratchRoot, settings.SampleStackDirectory, log, clock, script)
                .RunAsync(settings.Plan, ct);
            log.WriteLine("Fan-out benchmark …");
            fanOut = await new FanOutBenchmark(cascade, scratchRoot, new DockerCli(process), log, clock)
                .RunAsync(settings.FanOut, ct);
            log.WriteLine("Schedule benchmark …");
            schedule = await new ScheduleBenchmark(new DockerCli(process), log, clock).RunAsync(settings.Schedule, ct);
            log.WriteLine("Emulation benchmark …");
            emulation = await new EmulationBenchmark(cascade, scratchRoot, new DockerCli(process), log, clock).RunAsync(settings.Emulation, ct);
            log.WriteLine("Promotion benchmark …");
            promotion = await new PromotionBenchmark(cascade, scratchRoot, new DockerCli(process), log, clock)
                .RunAsync(settings.Promotion, ct);
            log.WriteLine("Layer cache benchmark …");
            cacheSeed = await new CacheSeedBenchmark(cascade, scratchRoot, new DockerCli(process), log, clock)
                .RunAsync(settings.CacheSeed, ct);
        }
        finally
        {
            TempRepository.DeleteFolder(scratchRoot);
        }

        log.WriteLine("Workflow simulation …");
        BenchmarkTable[] tables = [.. plan.ToTables(), fanOut.ToTable(), fanOut.ToReuseTable(), schedule.ToTable(),
            .. emulation is null ? Array.Empty<BenchmarkTable>() : [emulation.ToTable()], promotion.ToTable(), cacheSeed.ToTable(),
            .. WorkflowSimulationBenchmark.Run(Cascade.Stacks.SpecLoader.Load(settings.SampleStackDirectory).Spec)];
        var report = new BenchmarkReport(machine, clock.GetUtcNow(), tables);
        var passed = report.WriteTo(settings.ReportFile);
        foreach (var table in tables)
            foreach (var c in table.Cases)
                log.WriteLine($"{table.Title}: {c.Name}: {BenchmarkReport.Seconds(c.Measurement.Median)}, " +
                              $"ratio {table.RatioOf(c):0.00}{(c.MaxRatio is { } max ? $" (requirement ≤ {max:0.00}: {(table.Passes(c) ? "pass" : "FAIL")})" : "")}");
        log.WriteLine($"Report written to {settings.ReportFile}");
        return passed;
    }
}
