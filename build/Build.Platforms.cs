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

    Task RunPlatformBenchmarkAsync() => RunOneBenchmarkAsync(nameof(BenchmarkPlatforms), async (cascade, scratchRoot, docker, ct) =>
        (await new EmulationBenchmark(cascade, scratchRoot, docker, Out, TimeProvider.System).RunAsync(new EmulationOptions(), ct))?.ToTable()
        ?? throw new InvalidOperationException("arm64 emulation is not available here (run .ci/emulation as root); nothing was measured."));
}
