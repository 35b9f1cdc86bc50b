namespace Cascade.Benchmarks;

/// <summary>How much build.sh adds to a start when nothing under build/ changed: `./build.sh Plan` on the sample
/// stack against the built program run directly, measured alternately in the same run.</summary>
internal sealed record WarmStartResult(Measurement Direct, Measurement Script)
{
    /// <summary>The requirement: a warm `./build.sh Plan` takes at most this many times the program alone.</summary>
    public const double MaxRatio = 1.5;

    public BenchmarkTable ToTable() => new(
        "Warm start through ./build.sh",
        "`./build.sh Plan --stack images --base-ref REF` with nothing under build/ changed since its last compile (the " +
        "script compares build/ with its stamp, then execs the built program), against the built program run directly " +
        "(`dotnet build/bin/…/_build.dll Plan …`), alternating.",
        new BenchmarkCase("built program directly", Direct),
        [new BenchmarkCase("./build.sh, nothing to compile", Script, MaxRatio)]);
}
