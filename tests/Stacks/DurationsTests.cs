using Cascade.Stacks;

namespace Cascade.Tests.Stacks;

public class DurationsTests
{
    [Theory]
    [InlineData(5, "5s")]
    [InlineData(90, "1m30s")]
    [InlineData(1800, "30m")]
    [InlineData(5400, "1h30m")]
    [InlineData(7200, "2h")]
    [InlineData(3605, "1h0m5s")]
    public void A_duration_is_written_back_in_a_form_timeout_accepts(int seconds, string expected)
    {
        Durations.Format(TimeSpan.FromSeconds(seconds)).Should().Be(expected);
        Durations.TryParse(expected, out var back).Should().BeTrue();
        back.Should().Be(TimeSpan.FromSeconds(seconds));
    }

    [Theory]
    [InlineData(0.44, "0.4s")]
    [InlineData(0, "0.0s")]
    [InlineData(2.5, "3s")]
    public void Under_a_second_it_shows_tenths_and_above_whole_seconds(double seconds, string expected) =>
        Durations.Format(TimeSpan.FromSeconds(seconds)).Should().Be(expected);

    [Theory]
    [InlineData(12.34, "12.3s")]
    [InlineData(59.9, "59.9s")]
    [InlineData(725, "12m5s")]
    public void Elapsed_time_has_tenths_under_a_minute_and_the_timeout_forms_above(double seconds, string expected) =>
        Durations.Elapsed(TimeSpan.FromSeconds(seconds)).Should().Be(expected);
}
