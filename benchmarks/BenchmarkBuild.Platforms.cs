namespace Cascade.Benchmarks;

/// <summary>Multi-platform images: the emulation benchmark, on its own.</summary>
partial class BenchmarkBuild
{
    Task RunPlatformBenchmarkAsync() => RunOneBenchmarkAsync(BenchmarkPlatforms, async (cascade, scratchRoot, docker, ct) =>
        (await new EmulationBenchmark(cascade, scratchRoot, docker, Out, TimeProvider.System).RunAsync(new EmulationOptions(), ct))?.ToTable()
        ?? throw new InvalidOperationException("arm64 emulation is not available here (run .ci/emulation as root); nothing was measured."));
}
