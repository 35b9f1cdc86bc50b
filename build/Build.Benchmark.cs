using Cascade.Benchmarks;

/// <summary>The Benchmark target's work: every figure is a ratio against a baseline measured in the same run.</summary>
partial class CascadeBuild
{
    Task RunPromotionBenchmarkAsync() => RunOneBenchmarkAsync(BenchmarkPromotion, async (cascade, scratchRoot, docker, ct) =>
        (await new PromotionBenchmark(cascade, scratchRoot, docker, Out, TimeProvider.System).RunAsync(new PromotionOptions(), ct)).ToTable());

    /// <summary>The layer cache seeded from the registry on a fresh runner against docker pull + build --cache-from.</summary>
    Task RunCacheSeedBenchmarkAsync() => RunOneBenchmarkAsync(BenchmarkCacheSeed, async (cascade, scratchRoot, docker, ct) =>
        (await new CacheSeedBenchmark(cascade, scratchRoot, docker, Out, TimeProvider.System).RunAsync(new CacheSeedOptions(), ct)).ToTable());

    async Task RunBenchmarksAsync()
    {
        var settings = new BenchmarkSettings
        {
            SampleStackDirectory = StackDirectory,
            ReportFile = Path.Combine(RootDirectory, "docs", "benchmarks.md"),
            Plan = new PlanScaleOptions { ImageCount = BenchmarkImages, ChangedPathCount = BenchmarkPaths },
            BuildScriptRoot = RootDirectory,
        };
        var passed = await new BenchmarkSuite(CascadeCommand.ForCurrentProcess(), Out, TimeProvider.System)
            .RunAsync(settings, Stopping);
        if (!passed)
            throw new InvalidOperationException($"A benchmark requirement was not met; see {settings.ReportFile}");
    }

    /// <summary>The simulated makespans of the generated workflows (no runner is started: seconds, and the same on every
    /// machine) put into their sections of docs/benchmarks.md alone (the full `Benchmark` includes them too).</summary>
    Task RunWorkflowsBenchmarkAsync() => RunOneBenchmarkAsync(BenchmarkWorkflows, (_, _, _, _) =>
        Task.FromResult(WorkflowSimulationBenchmark.Run(Cascade.Stacks.SpecLoader.Load(StackDirectory).Spec)));

    /// <summary>One benchmark on its own, in a scratch root (as the full suite runs it): its section of
    /// docs/benchmarks.md is replaced and the others are left as they were measured. Fails when its requirement does.</summary>
    Task RunOneBenchmarkAsync(string target, Func<CascadeCommand, string, DockerCli, CancellationToken, Task<BenchmarkTable>> measure) =>
        RunOneBenchmarkAsync(target, async (cascade, scratchRoot, docker, ct) => (IReadOnlyList<BenchmarkTable>)[await measure(cascade, scratchRoot, docker, ct)]);

    /// <summary>A benchmark of several tables on its own: each one's section is replaced.</summary>
    async Task RunOneBenchmarkAsync(string target, Func<CascadeCommand, string, DockerCli, CancellationToken, Task<IReadOnlyList<BenchmarkTable>>> measure)
    {
        var report = Path.Combine(RootDirectory, "docs", "benchmarks.md");
        var scratchRoot = BenchmarkSuite.CreateScratchRoot();
        try
        {
            var measured = await measure(CascadeCommand.ForCurrentProcess(), scratchRoot, new DockerCli(new TimedProcess(TimeProvider.System)), Stopping);
            var stamp = $"Measured {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC by `./build.sh {target}`.";
            var tables = measured.Select(t => t with { Notes = [.. t.Notes, stamp] }).ToList();
            foreach (var table in tables)
            {
                BenchmarkReport.ReplaceSection(report, table);
                foreach (var c in table.Cases)
                    Out.WriteLine($"{table.Title}: {c.Name}: ratio {table.RatioOf(c):0.00}" +
                                  (c.MaxRatio is { } max ? $" (requirement ≤ {max:0.00}: {(table.Passes(c) ? "pass" : "FAIL")})" : ""));
            }
            Out.WriteLine($"Written to {report}");
            if (!tables.All(t => t.AllPassed)) throw new InvalidOperationException($"A benchmark requirement was not met; see {report}");
        }
        finally
        {
            TempRepository.DeleteFolder(scratchRoot);
        }
    }
}
