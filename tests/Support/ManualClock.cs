namespace Cascade.Tests.Support;

/// <summary>The test kit's clock: it stands still unless the test moves it, so a test asserts what the code
/// does with the time it is given, never how long something took on this machine.</summary>
internal sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    private long _ticks;

    public ManualClock() : this(new DateTimeOffset(2024, 6, 11, 8, 30, 5, TimeSpan.Zero)) { }

    public DateTimeOffset Now { get; set; } = now;

    /// <summary>How far the monotonic clock moves each time it is read (zero: only <see cref="Advance"/> moves it).</summary>
    public TimeSpan StepOnEveryReading { get; init; }

    public override DateTimeOffset GetUtcNow() => Now;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp()
    {
        var reading = _ticks;
        _ticks += StepOnEveryReading.Ticks;
        return reading;
    }

    /// <summary>Moves both the wall clock and the monotonic clock.</summary>
    public void Advance(TimeSpan by)
    {
        Now += by;
        _ticks += by.Ticks;
    }

    public void Advance(double seconds) => Advance(TimeSpan.FromSeconds(seconds));
}
