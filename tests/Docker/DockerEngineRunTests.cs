using Cascade.Docker;
using Cascade.Tests.Support;

namespace Cascade.Tests.Docker;

/// <summary>One busybox image, built once, with an ENTRYPOINT that would fail anything it wraps.</summary>
public sealed class BusyboxImageFixture : IDisposable
{
    public BusyboxImageFixture()
    {
        Stack = new BusyboxStack();
        Engine = DockerEngine.ConnectAsync(null, CancellationToken.None).GetAwaiter().GetResult();
        var context = Stack.AddContext("runner", "ENTRYPOINT [\"/bin/false\"]\n");
        Image = Stack.Tag("runner");
        var outcome = Engine.BuildAsync(new ImageBuildRequest(context, "Dockerfile", [Image], new Dictionary<string, string>(), new Dictionary<string, string>()),
            TextWriter.Null, CancellationToken.None).GetAwaiter().GetResult();
        if (!outcome.Succeeded) throw new InvalidOperationException(outcome.Error);
    }

    public BusyboxStack Stack { get; }
    internal DockerEngine Engine { get; }
    public string Image { get; }

    public void Dispose()
    {
        Stack.Dispose();
        Engine.Dispose();
    }
}

[Trait(Needs.Trait, Needs.Docker)]
public sealed class DockerEngineRunTests(BusyboxImageFixture fixture) : IClassFixture<BusyboxImageFixture>
{
    private string TestFile(string name, string body, bool executable = false)
    {
        fixture.Stack.WriteFile($"tests/{name}", body, executable);
        return Path.Combine(fixture.Stack.Folder, "tests", name);
    }

    private void NoContainerLeft() =>
        DockerTestCleanup.Docker("ps", "-aq", "--filter", "label=cascade.owned=true", "--filter", $"ancestor={fixture.Image}")
            .Should().BeEmpty("every test container is removed");

    [Fact]
    public async Task Passing_test_captures_stdout_and_stderr()
    {
        // Not executable on the host: the copy into the container makes it 0755 anyway.
        var file = TestFile("pass.sh", "#!/bin/sh\necho to-stdout\necho to-stderr >&2\ntest -x /cascade-test/pass.sh\n");

        var outcome = await fixture.Engine.RunTestFileAsync(fixture.Image, null, file, TimeSpan.FromSeconds(30), CancellationToken.None);

        outcome.Passed.Should().BeTrue(outcome.Output);
        outcome.ExitCode.Should().Be(0);
        outcome.Output.Should().Contain("to-stdout").And.Contain("to-stderr");
        NoContainerLeft();
    }

    [Fact]
    public async Task Failing_test_reports_its_exit_code()
    {
        var file = TestFile("fail.sh", "#!/bin/sh\necho checking\nexit 3\n", executable: true);

        var outcome = await fixture.Engine.RunTestFileAsync(fixture.Image, null, file, TimeSpan.FromSeconds(30), CancellationToken.None);

        outcome.Passed.Should().BeFalse();
        outcome.TimedOut.Should().BeFalse();
        outcome.ExitCode.Should().Be(3);
        outcome.Output.Should().Contain("checking");
        NoContainerLeft();
    }

    [Fact]
    public async Task Test_that_overruns_its_timeout_is_killed()
    {
        var file = TestFile("slow.sh", "#!/bin/sh\necho started\nsleep 60\necho finished\n");

        var outcome = await fixture.Engine.RunTestFileAsync(fixture.Image, null, file, TimeSpan.FromSeconds(2), CancellationToken.None);

        outcome.Output.Should().NotContain("finished", "the container is killed at the limit, not left to run out");
        outcome.TimedOut.Should().BeTrue();
        outcome.Passed.Should().BeFalse();
        outcome.Output.Should().Contain("started").And.Contain("timed out");
        NoContainerLeft();
    }

    [Fact]
    public async Task Cancellation_still_removes_the_container()
    {
        var file = TestFile("cancelled.sh", "#!/bin/sh\nsleep 60\n");
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));

        var act = () => fixture.Engine.RunTestFileAsync(fixture.Image, null, file, TimeSpan.FromSeconds(60), cts.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
        NoContainerLeft();
    }

    [Fact]
    public async Task Missing_image_is_a_failed_outcome_with_the_reason()
    {
        var file = TestFile("any.sh", "#!/bin/sh\ntrue\n");
        var outcome = await fixture.Engine.RunTestFileAsync("cascade-test-no-such-image:0", null, file, TimeSpan.FromSeconds(10), CancellationToken.None);
        outcome.Passed.Should().BeFalse();
        outcome.Output.Should().Contain("cascade-test-no-such-image");
    }
}
