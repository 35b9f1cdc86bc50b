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
}
