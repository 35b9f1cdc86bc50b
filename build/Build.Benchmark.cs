/// <summary>The Benchmark target's work (filled in when the benchmarks land).</summary>
partial class CascadeBuild
{
    Task RunBenchmarksAsync() => throw new NotImplementedException("Benchmarks are not wired yet");
}
