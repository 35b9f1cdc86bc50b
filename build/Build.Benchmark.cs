using Cascade.Benchmarks;

/// <summary>The Benchmark target's work: every figure is a ratio against a baseline measured in the same run.</summary>
partial class CascadeBuild
{
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
}
