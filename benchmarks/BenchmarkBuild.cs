using Cascade.Engine;

namespace Cascade.Benchmarks;

/// <summary>Cascade's own build with its benchmarks: every figure is a ratio against a baseline measured in the same
/// run. They measure Cascade itself, not the stack: added after the image targets, so they come last in --help and in
/// the schema, and they never plan (no benchmark target depends on Plan). `Benchmark` measures them all; the others measure one case on its own and replace
/// that section of docs/benchmarks.md, leaving the others as they were measured.</summary>
public abstract partial class BenchmarkBuild : CascadeBuild
{
    const string Benchmark = "Benchmark", BenchmarkPromotion = "BenchmarkPromotion", BenchmarkPlatforms = "BenchmarkPlatforms",
        BenchmarkCacheSeed = "BenchmarkCacheSeed", BenchmarkWorkflows = "BenchmarkWorkflows";

    [Parameter("Benchmark: how many images the generated stack has")]
    readonly int BenchmarkImages = 5000;

    [Parameter("Benchmark: how many paths the generated commit changes")]
    readonly int BenchmarkPaths = 50000;

    (string Name, Target Definition)[] BenchmarkTargets =>
    [
        (Benchmark, _ => _
            .Description("Measure every benchmark (Plan at scale, fan-out, reuse, scheduling, emulation, promotion, the layer cache on a fresh runner, workflow makespan) as ratios; writes docs/benchmarks.md")
            .Executes(RunBenchmarksAsync)),
        (BenchmarkPromotion, _ => _
            .Description("Times Promote of 10 images of 20 MB against docker pull, tag and push of them; updates docs/benchmarks.md")
            .Executes(RunPromotionBenchmarkAsync)),
        (BenchmarkPlatforms, _ => _
            .Description("Times the same small stack built for the host's platform and for linux/arm64 under qemu; updates docs/benchmarks.md")
            .Executes(RunPlatformBenchmarkAsync)),
        (BenchmarkCacheSeed, _ => _
            .Description("Times Build of an image whose last line changed, on a daemon without the stack's images, against docker pull + docker build --cache-from; updates docs/benchmarks.md")
            .Executes(RunCacheSeedBenchmarkAsync)),
        (BenchmarkWorkflows, _ => _
            .Description("Simulates the generated workflows' makespan (full rebuilds, a pull request changing the root, a leaf's last line on a fresh runner) against the critical path and DataHub's single job; updates docs/benchmarks.md")
            .Executes(RunWorkflowsBenchmarkAsync)),
    ];

    protected override void AddTargetsAfterImages()
    {
        foreach (var (name, definition) in BenchmarkTargets) AddTarget(name, definition);
    }

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
