using Cascade.Docker;
using Cascade.Tests.Support;

namespace Cascade.Tests.Docker;

/// <summary>Builds against the real daemon (classic builder, FROM scratch + busybox).</summary>
[Trait(Needs.Trait, Needs.Docker)]
public sealed class DockerEngineBuildTests : IDisposable
{
    private readonly BusyboxStack _stack = new();
    private readonly DockerEngine _engine = DockerEngine.ConnectAsync(null, CancellationToken.None).GetAwaiter().GetResult();

    public void Dispose()
    {
        _stack.Dispose();
        _engine.Dispose();
    }

    private static ImageBuildRequest Request(string context, string tag, string dockerfile = "Dockerfile",
        Dictionary<string, string>? args = null, Dictionary<string, string>? labels = null) =>
        new(context, dockerfile, [tag], args ?? [], labels ?? []);

    [Fact]
    public async Task Successful_build_reports_image_id_and_timed_steps()
    {
        var context = _stack.AddContext("ok", "RUN echo built > /built.txt\n");
        var tag = _stack.Tag("ok");
        var log = new StringWriter();

        var outcome = await _engine.BuildAsync(Request(context, tag), log, CancellationToken.None);

        outcome.Succeeded.Should().BeTrue(log.ToString());
        outcome.Error.Should().BeNull();
        outcome.ImageId.Should().MatchRegex("^sha256:[0-9a-f]{64}$");
        (await _engine.FindImageAsync(tag, CancellationToken.None)).Should().Be(outcome.ImageId);
        outcome.Steps.Select(s => s.Instruction).Should().Equal(
            "FROM scratch", $"LABEL cascade.test.stack={_stack.Prefix}", "COPY busybox /bin/busybox", "RUN [\"/bin/busybox\",\"--install\",\"-s\",\"/bin\"]", "RUN echo built > /built.txt");
        outcome.Steps.Should().OnlyContain(s => s.Duration >= TimeSpan.Zero);
        log.ToString().Should().Contain("Step 5/5 : RUN echo built").And.MatchRegex(@"\[\+\d+\.\ds\] RUN echo built");
    }

    [Fact]
    public async Task Failing_run_is_a_failed_outcome_with_the_daemon_message()
    {
        var context = _stack.AddContext("fails", "RUN echo about to fail && exit 7\n");
        var tag = _stack.Tag("fails");
        var log = new StringWriter();

        var outcome = await _engine.BuildAsync(Request(context, tag), log, CancellationToken.None);

        outcome.Succeeded.Should().BeFalse();
        outcome.ImageId.Should().BeNull();
        outcome.Error.Should().Contain("returned a non-zero code: 7");
        log.ToString().Should().Contain("about to fail").And.Contain("ERROR: ");
        (await _engine.FindImageAsync(tag, CancellationToken.None)).Should().BeNull();
        outcome.Steps.Should().HaveCount(5, "the failing step is recorded too");
    }

    [Fact]
    public async Task Missing_dockerfile_is_a_failed_outcome_not_an_exception()
    {
        var context = _stack.AddContext("nodockerfile");
        var outcome = await _engine.BuildAsync(Request(context, _stack.Tag("nodockerfile"), "nope/Dockerfile"), new StringWriter(), CancellationToken.None);
        outcome.Succeeded.Should().BeFalse();
        outcome.Error.Should().Contain("nope/Dockerfile");
    }

    [Fact]
    public async Task Build_args_and_labels_are_applied()
    {
        var context = _stack.AddContext("args", "ARG GREETING=unset\nRUN echo \"$GREETING\" > /greeting\n");
        var tag = _stack.Tag("args");
        var outcome = await _engine.BuildAsync(Request(context, tag,
            args: new() { ["GREETING"] = "hello-from-cascade" },
            labels: new() { ["org.opencontainers.image.source"] = "https://example.org/stack", ["cascade.image"] = "args" }),
            new StringWriter(), CancellationToken.None);
        outcome.Succeeded.Should().BeTrue(outcome.Error);

        // Checked through the docker CLI, independent of the code under test.
        var labels = DockerTestCleanup.Docker("inspect", "--format", "{{json .Config.Labels}}", tag).Single();
        labels.Should().Contain("\"cascade.image\":\"args\"").And.Contain("\"org.opencontainers.image.source\":\"https://example.org/stack\"");
        var greeting = DockerTestCleanup.Docker("run", "--rm", tag, "cat", "/greeting").Single();
        greeting.Should().Be("hello-from-cascade");
    }

    [Fact]
    public async Task Cascades_own_args_go_only_where_declared_so_the_builder_has_no_unconsumed_ones()
    {
        var context = _stack.AddContext("declared", "ARG TARGETARCH\nARG TOOLS_IMAGE\nRUN echo \"$TARGETARCH $TOOLS_IMAGE\" > /args\n");
        var tag = _stack.Tag("declared");
        var log = new StringWriter();
        var request = Request(context, tag) with
        {
            InjectedArgs = new Dictionary<string, string> { ["BASE_IMAGE"] = "base:fp-1", ["BASE_TAG"] = "fp-1", ["TOOLS_IMAGE"] = "tools:fp-2" },
        };

        var outcome = await _engine.BuildAsync(request, log, CancellationToken.None);

        outcome.Succeeded.Should().BeTrue(log.ToString());
        log.ToString().Should().NotContain("not consumed");
        var daemon = await _engine.DaemonPlatformAsync(CancellationToken.None);
        DockerTestCleanup.Docker("run", "--rm", tag, "cat", "/args").Single().Should().Be($"{daemon.Architecture} tools:fp-2");
    }

    [Fact]
    public async Task Dockerfile_in_a_subfolder_and_dockerignore_shape_what_the_daemon_sees()
    {
        var context = _stack.AddContext("ignored", dockerfile: "docker/Dockerfile");
        File.AppendAllText(Path.Combine(context, "docker/Dockerfile"),
            "COPY . /ctx\nRUN test -x /ctx/tool.sh && test ! -e /ctx/secret.env && test ! -e /ctx/logs/a.log && test -e /ctx/logs/keep.txt && test -L /ctx/link\n");
        File.WriteAllText(Path.Combine(context, ".dockerignore"), "*.env\nlogs\n!logs/keep.txt\ndocker\n");
        File.WriteAllText(Path.Combine(context, "tool.sh"), "#!/bin/sh\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(Path.Combine(context, "tool.sh"), (UnixFileMode)0b111_101_101);
        File.WriteAllText(Path.Combine(context, "secret.env"), "TOKEN=x");
        Directory.CreateDirectory(Path.Combine(context, "logs"));
        File.WriteAllText(Path.Combine(context, "logs/a.log"), "x");
        File.WriteAllText(Path.Combine(context, "logs/keep.txt"), "x");
        File.CreateSymbolicLink(Path.Combine(context, "link"), "tool.sh");

        var log = new StringWriter();
        var outcome = await _engine.BuildAsync(Request(context, _stack.Tag("ignored"), "docker/Dockerfile"), log, CancellationToken.None);

        outcome.Succeeded.Should().BeTrue(log.ToString());
    }

    [Fact]
    public async Task A_build_past_its_timeout_is_stopped_fails_and_leaves_no_container()
    {
        var marker = $"cascade-timeout-{Guid.NewGuid():N}";
        var context = _stack.AddContext("slow", $"RUN sleep 25 && echo {marker}\n");
        var tag = _stack.Tag("slow");
        var log = new StringWriter();

        var outcome = await _engine.BuildAsync(Request(context, tag) with { Timeout = TimeSpan.FromSeconds(5) }, log, CancellationToken.None);

        outcome.Succeeded.Should().BeFalse(log.ToString());
        outcome.Error.Should().Be("build timed out after 5s");
        log.ToString().Should().Contain("ERROR: build timed out after 5s");
        (await _engine.FindImageAsync(tag, CancellationToken.None)).Should().BeNull("the build was stopped, not waited for");
        DockerTestCleanup.Docker("ps", "-a", "--no-trunc", "--format", "{{.Command}}")
            .Should().NotContain(c => c.Contains(marker), "the step's intermediate container is removed");
    }
}
