namespace Cascade.Benchmarks;

/// <summary>The wall times of the measured repetitions of one case (warm-ups excluded).</summary>
internal sealed record Measurement(IReadOnlyList<TimeSpan> Samples)
{
    public static Measurement Of(params TimeSpan[] samples) => new(samples);

    /// <summary>The median, not the mean: one run slowed by a neighbour on a shared machine must not move it.</summary>
    public TimeSpan Median
    {
        get
        {
            if (Samples.Count == 0) throw new InvalidOperationException("no samples");
            var sorted = Samples.Order().ToList();
            var mid = sorted.Count / 2;
            return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        }
    }

    public TimeSpan Min => Samples.Min();
    public TimeSpan Max => Samples.Max();
}
