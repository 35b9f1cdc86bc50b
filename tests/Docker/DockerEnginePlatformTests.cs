using Cascade.Docker;
using Cascade.Stacks;
using Cascade.Tests.Support;

namespace Cascade.Tests.Docker;

/// <summary>
/// Builds for a platform through the API's `platform` parameter (arm64 under qemu on an x86_64 host), with
/// the platform args the classic builder leaves unset, and test containers of that platform.
/// </summary>
[Trait(Needs.Trait, Needs.Docker)]
public sealed class DockerEnginePlatformTests : IDisposable
{
    // Declared so the RUN sees them; the values are Cascade's, not the builder's.
    private const string RecordPlatform =
        "ARG TARGETPLATFORM\nARG TARGETOS\nARG TARGETVARIANT\nARG BUILDPLATFORM\nARG BUILDARCH\n" +
        "RUN uname -m > /built-on && echo \"$TARGETPLATFORM $TARGETOS $TARGETARCH [$TARGETVARIANT] $BUILDPLATFORM $BUILDARCH\" > /args\n";

    private readonly BusyboxStack _stack = new();
    private readonly DockerEngine _engine = DockerEngine.ConnectAsync(null, CancellationToken.None).GetAwaiter().GetResult();

    public void Dispose()
    {
        _stack.Dispose();
        _engine.Dispose();
    }

    private async Task<(BuildOutcome Outcome, string Log)> BuildAsync(string context, string tag, Platform? platform, Dictionary<string, string>? args = null)
    {
        var log = new StringWriter();
        var outcome = await _engine.BuildAsync(new ImageBuildRequest(context, "Dockerfile", [tag], args ?? [], new Dictionary<string, string>(), platform),
            log, CancellationToken.None);
        return (outcome, log.ToString());
    }

    private Task<ContainerTestOutcome> RunAsync(string image, Platform? platform, string script)
    {
        _stack.WriteFile("tests/check.sh", "#!/bin/sh\n" + script);
        return _engine.RunTestFileAsync(image, platform, Path.Combine(_stack.Folder, "tests", "check.sh"), TimeSpan.FromSeconds(60), CancellationToken.None);
    }

    [EmulatedFact]
    public async Task An_arm64_build_runs_arm64_binaries_and_gets_the_platform_args()
    {
        var tag = _stack.Tag("multi", "arm64");
        var (built, log) = await BuildAsync(_stack.AddMultiPlatformContext("multi", RecordPlatform), tag, Platform.LinuxArm64);

        built.Succeeded.Should().BeTrue(log);
        (await _engine.ImagePlatformAsync(tag, CancellationToken.None)).Should().Be(Platform.LinuxArm64);
        var run = await RunAsync(tag, Platform.LinuxArm64, "cat /built-on /args\nuname -m\n");
        run.Passed.Should().BeTrue(run.Output);
        run.Output.Should().Be("aarch64\nlinux/arm64 linux arm64 [] linux/amd64 amd64\naarch64\n");
    }

    [EmulatedFact]
    public async Task The_same_context_built_for_amd64_runs_x86_64()
    {
        var tag = _stack.Tag("multi", "amd64");
        var (built, log) = await BuildAsync(_stack.AddMultiPlatformContext("multi", RecordPlatform), tag, Platform.LinuxAmd64);

        built.Succeeded.Should().BeTrue(log);
        var run = await RunAsync(tag, Platform.LinuxAmd64, "cat /built-on /args\n");
        run.Output.Should().Be("x86_64\nlinux/amd64 linux amd64 [] linux/amd64 amd64\n");
    }

    [Fact]
    public async Task Without_a_platform_the_args_name_the_daemon_platform_and_the_spec_args_win()
    {
        var daemon = await _engine.DaemonPlatformAsync(CancellationToken.None);
        var tag = _stack.Tag("native");
        var context = _stack.AddContext("native", "ARG TARGETARCH\nARG TARGETOS\nRUN echo \"$TARGETOS $TARGETARCH\" > /args\n");
        var (built, log) = await BuildAsync(context, tag, null, new() { ["TARGETOS"] = "given" });

        built.Succeeded.Should().BeTrue(log);
        (await _engine.ImagePlatformAsync(tag, CancellationToken.None)).Should().Be(daemon);
        (await RunAsync(tag, null, "cat /args\n")).Output.Should().Be($"given {daemon.Architecture}\n");
    }

    [EmulatedFact]
    public async Task One_context_built_for_two_platforms_in_turn_gets_each_its_own_layers()
    {
        var context = _stack.AddMultiPlatformContext("twice", "RUN uname -m > /built-on\n");
        var arm = _stack.Tag("twice", "arm64");
        var amd = _stack.Tag("twice", "amd64");
        (await BuildAsync(context, arm, Platform.LinuxArm64)).Outcome.Succeeded.Should().BeTrue();

        // The classic builder's cache would hand the arm64 layers of the FROM-scratch steps to this build.
        var (second, log) = await BuildAsync(context, amd, Platform.LinuxAmd64);

        second.Succeeded.Should().BeTrue(log);
        log.Should().Contain("building again without the cache");
        (await _engine.ImagePlatformAsync(amd, CancellationToken.None)).Should().Be(Platform.LinuxAmd64);
        (await RunAsync(amd, Platform.LinuxAmd64, "cat /built-on\n")).Output.Should().Be("x86_64\n");
        (await RunAsync(arm, Platform.LinuxArm64, "cat /built-on\n")).Output.Should().Be("aarch64\n");
    }

    [EmulatedFact]
    public async Task A_buildx_style_scratch_Dockerfile_builds_for_both_platforms()
    {
        // As written for buildx: ARG before the first file step. The ARG with the stack's id keeps the layers
        // after it out of every other build's cache.
        var context = _stack.AddMultiPlatformContext("buildx");
        File.WriteAllText(Path.Combine(context, "Dockerfile"),
            $"FROM scratch\nARG TARGETARCH\nARG STACK={_stack.Prefix}\nCOPY busybox-${{TARGETARCH}} /bin/busybox\n" +
            "RUN [\"/bin/busybox\",\"--install\",\"-s\",\"/bin\"]\nRUN uname -m > /built-on\n");
        var arm = _stack.Tag("buildx", "arm64");
        var amd = _stack.Tag("buildx", "amd64");

        var (onArm, armLog) = await BuildAsync(context, arm, Platform.LinuxArm64);
        var (onAmd, amdLog) = await BuildAsync(context, amd, Platform.LinuxAmd64);

        onArm.Succeeded.Should().BeTrue(armLog);
        armLog.Should().Contain("Dockerfile:1: FROM scratch for linux/arm64, sent with `COPY .cascade-empty/ /` after it");
        onAmd.Succeeded.Should().BeTrue(amdLog);
        amdLog.Should().NotContain(".cascade-empty", "the daemon's own platform needs no added step");
        (await _engine.ImagePlatformAsync(arm, CancellationToken.None)).Should().Be(Platform.LinuxArm64);
        (await RunAsync(arm, Platform.LinuxArm64, "cat /built-on; ls -a / | grep -c cascade-empty\n")).Output.Should().Be("aarch64\n0\n");
        (await RunAsync(amd, Platform.LinuxAmd64, "cat /built-on\n")).Output.Should().Be("x86_64\n");
        DockerTestCleanup.Docker("inspect", "--format", "{{len .RootFS.Layers}}", arm).Single()
            .Should().Be("3", "busybox, its applets and /built-on: the added step adds no layer");
    }

    [EmulatedFact]
    public async Task A_container_of_another_platform_than_the_image_is_refused()
    {
        var tag = _stack.Tag("multi", "arm64");
        (await BuildAsync(_stack.AddMultiPlatformContext("multi"), tag, Platform.LinuxArm64)).Outcome.Succeeded.Should().BeTrue();

        var run = await RunAsync(tag, Platform.LinuxAmd64, "uname -m\n");

        run.Passed.Should().BeFalse();
        run.Output.Should().Contain("could not run check.sh").And.Contain("platform");
        DockerTestCleanup.OwnedContainers(_stack.Prefix).Should().BeEmpty();
    }

    [EmulatedFact]
    public async Task A_child_for_arm64_builds_on_the_arm64_parent_and_a_parent_of_another_platform_fails_it()
    {
        var parentArm = _stack.Tag("parent", "linux-arm64");
        var parentAmd = _stack.Tag("parent", "linux-amd64");
        var parentContext = _stack.AddMultiPlatformContext("parent");
        (await BuildAsync(parentContext, parentArm, Platform.LinuxArm64)).Outcome.Succeeded.Should().BeTrue();
        var (amd, amdLog) = await BuildAsync(parentContext, parentAmd, Platform.LinuxAmd64);
        amd.Succeeded.Should().BeTrue(amdLog);
        var child = Path.Combine(_stack.Folder, "child");
        _stack.WriteFile("child/Dockerfile", "ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\nRUN uname -m > /built-on\n");

        var good = _stack.Tag("child", "linux-arm64");
        var (onArm, log) = await BuildAsync(child, good, Platform.LinuxArm64, new() { ["BASE_IMAGE"] = parentArm });
        onArm.Succeeded.Should().BeTrue(log);
        (await RunAsync(good, Platform.LinuxArm64, "cat /built-on\n")).Output.Should().Be("aarch64\n");

        // The classic builder would quietly make an amd64 image here; the engine refuses it and drops the tag.
        var bad = _stack.Tag("child", "wrong");
        var (onAmd, badLog) = await BuildAsync(child, bad, Platform.LinuxArm64, new() { ["BASE_IMAGE"] = parentAmd });
        onAmd.Succeeded.Should().BeFalse();
        onAmd.Error.Should().Be("The image was built for linux/amd64, not linux/arm64: its FROM image is linux/amd64. " +
                                "Build it FROM the parent's linux/arm64 image.");
        badLog.Should().Contain(onAmd.Error);
        (await _engine.FindImageAsync(bad, CancellationToken.None)).Should().BeNull();
    }
}
