using Cascade.Engine;
using Cascade.Benchmarks;

/// <summary>The Benchmark target's work: every figure is a ratio against a baseline measured in the same run.</summary>
partial class CascadeBuild
{
    /// <summary>Measures what registry-side promotion costs against pull/tag/push and puts that section into
    /// docs/benchmarks.md, leaving the others as they were measured (the full `Benchmark` includes it too).</summary>
    Target BenchmarkPromotion => _ => _
        .Description("Times Promote of 10 images of 20 MB against docker pull, tag and push of them; updates docs/benchmarks.md")
        .Executes(() => RunOneBenchmarkAsync(nameof(BenchmarkPromotion), async (cascade, scratchRoot, docker, ct) =>
            (await new PromotionBenchmark(cascade, scratchRoot, docker, Out, TimeProvider.System).RunAsync(new PromotionOptions(), ct)).ToTable()));

    /// <summary>Measures the layer cache seeded from the registry on a fresh runner against docker pull + build --cache-from
    /// and puts that section into docs/benchmarks.md alone (the full `Benchmark` includes it too).</summary>
    Target BenchmarkCacheSeed => _ => _
        .Description("Times Build of an image whose last line changed, on a daemon without the stack's images, against docker pull + docker build --cache-from; updates docs/benchmarks.md")
        .Executes(() => RunOneBenchmarkAsync(nameof(BenchmarkCacheSeed), async (cascade, scratchRoot, docker, ct) =>
            (await new CacheSeedBenchmark(cascade, scratchRoot, docker, Out, TimeProvider.System).RunAsync(new CacheSeedOptions(), ct)).ToTable()));

    async Task RunBenchmarksAsync()
    {
        using var stop = new StopSignal();
        var settings = new BenchmarkSettings
        {
            SampleStackDirectory = StackDirectory,
            ReportFile = Path.Combine(RootDirectory, "docs", "benchmarks.md"),
            Plan = new PlanScaleOptions { ImageCount = BenchmarkImages, ChangedPathCount = BenchmarkPaths },
            BuildScriptRoot = RootDirectory,
        };
        var passed = await new BenchmarkSuite(CascadeCommand.ForCurrentProcess(), Out, TimeProvider.System)
            .RunAsync(settings, stop.Token);
        if (!passed)
            throw new InvalidOperationException($"A benchmark requirement was not met; see {settings.ReportFile}");
    }

    /// <summary>The simulated makespans of the generated workflows (no runner is started: seconds, and the same on every
    /// machine) put into their sections of docs/benchmarks.md alone (the full `Benchmark` includes them too).</summary>
    Target BenchmarkWorkflows => _ => _
        .Description("Simulates the generated workflows' makespan (full rebuilds, a pull request changing the root, a leaf's last line on a fresh runner) against the critical path and DataHub's single job; updates docs/benchmarks.md")
        .Executes(() => RunOneBenchmarkAsync(nameof(BenchmarkWorkflows), (_, _, _, _) =>
            Task.FromResult(WorkflowSimulationBenchmark.Run(Cascade.Stacks.SpecLoader.Load(StackDirectory).Spec))));

    /// <summary>One benchmark on its own, in a scratch root (as the full suite runs it): its section of
    /// docs/benchmarks.md is replaced and the others are left as they were measured. Fails when its requirement does.</summary>
    Task RunOneBenchmarkAsync(string target, Func<CascadeCommand, string, DockerCli, CancellationToken, Task<BenchmarkTable>> measure) =>
        RunOneBenchmarkAsync(target, async (cascade, scratchRoot, docker, ct) => (IReadOnlyList<BenchmarkTable>)[await measure(cascade, scratchRoot, docker, ct)]);

    /// <summary>A benchmark of several tables on its own: each one's section is replaced.</summary>
    async Task RunOneBenchmarkAsync(string target, Func<CascadeCommand, string, DockerCli, CancellationToken, Task<IReadOnlyList<BenchmarkTable>>> measure)
    {
        using var stop = new StopSignal();
        var report = Path.Combine(RootDirectory, "docs", "benchmarks.md");
        var scratchRoot = BenchmarkSuite.CreateScratchRoot();
        try
        {
            var measured = await measure(CascadeCommand.ForCurrentProcess(), scratchRoot, new DockerCli(new TimedProcess(TimeProvider.System)), stop.Token);
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
