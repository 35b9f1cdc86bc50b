using Cascade.Engine;
using Cascade.Benchmarks;

/// <summary>Multi-platform images: the emulation benchmark, on its own.</summary>
partial class CascadeBuild
{
    /// <summary>Measures what an emulated arm64 build costs against a native one and puts that section into
    /// docs/benchmarks.md, leaving the others as they were measured (the full `Benchmark` includes it too).</summary>
    Target BenchmarkPlatforms => _ => _
        .Description("Times the same small stack built for the host's platform and for linux/arm64 under qemu; updates docs/benchmarks.md")
        .Executes(RunPlatformBenchmarkAsync);

    async Task RunPlatformBenchmarkAsync()
    {
        using var stop = new StopSignal();
        var report = Path.Combine(RootDirectory, "docs", "benchmarks.md");
        var scratchRoot = Directory.CreateTempSubdirectory("cascade-bench-root-").FullName;
        Directory.CreateDirectory(Path.Combine(scratchRoot, ".nuke"));
        try
        {
            var result = await new EmulationBenchmark(CascadeCommand.ForCurrentProcess(), scratchRoot,
                    new DockerCli(new TimedProcess(TimeProvider.System)), Out, TimeProvider.System)
                .RunAsync(new EmulationOptions(), stop.Token)
                ?? throw new InvalidOperationException("arm64 emulation is not available here (run .ci/emulation as root); nothing was measured.");
            var table = result.ToTable() with { Notes = [$"Measured {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC by `./build.sh BenchmarkPlatforms`."] };
            BenchmarkReport.ReplaceSection(report, table);
            Out.WriteLine($"{table.Title}: emulated/native {table.RatioOf(table.Cases[0]):0.00}; written to {report}");
        }
        finally
        {
            TempRepository.DeleteFolder(scratchRoot);
        }
    }
}
