using Cascade.Registry;

namespace Cascade.Tests.Registry;

/// <summary>The warm-up a promotion starts while the spec is read: it talks only to its own loopback listener, and
/// gets its answer, so the HTTP stack really was set up (a hang would hold the process at exit).</summary>
public sealed class HttpWarmUpTests
{
    [Fact]
    public async Task The_warm_up_answers_itself_on_loopback_and_finishes()
    {
        var warmUp = HttpWarmUp.Start();

        var finished = await Task.WhenAny(warmUp, Task.Delay(TimeSpan.FromMinutes(1)));

        finished.Should().BeSameAs(warmUp, "the warm-up's request is answered by its own listener");
        (await warmUp).Should().BeTrue("its own listener answered the request");
    }
}
