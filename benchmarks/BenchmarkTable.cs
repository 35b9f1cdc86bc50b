namespace Cascade.Benchmarks;

/// <summary>One measured case of a benchmark. <paramref name="MaxRatio"/> is the requirement on its median
/// divided by the baseline's median; null means the case is reported, not judged.</summary>
internal sealed record BenchmarkCase(string Name, Measurement Measurement, double? MaxRatio = null);

/// <summary>A benchmark's results: a baseline measured in the same run and the cases compared with it.
/// Ratios, not absolute times, are what a requirement judges: they carry over between machines.</summary>
internal sealed record BenchmarkTable(string Title, string Description, BenchmarkCase Baseline, IReadOnlyList<BenchmarkCase> Cases)
{
    /// <summary>Remarks printed under the table (e.g. a preparation time that is not part of any ratio).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>The case's median over the baseline's; NaN when the baseline took no measurable time.</summary>
    public double RatioOf(BenchmarkCase @case) =>
        Baseline.Measurement.Median > TimeSpan.Zero
            ? @case.Measurement.Median.TotalMilliseconds / Baseline.Measurement.Median.TotalMilliseconds
            : double.NaN;

    /// <summary>A case without a requirement passes; with one, its ratio must be at most the limit (NaN fails).</summary>
    public bool Passes(BenchmarkCase @case) => @case.MaxRatio is not { } max || RatioOf(@case) <= max;

    public bool AllPassed => Cases.All(Passes);
}
