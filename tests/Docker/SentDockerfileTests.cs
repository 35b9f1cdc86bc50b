using Cascade.Docker;
using Cascade.Stacks;

namespace Cascade.Tests.Docker;

/// <summary>What Cascade sends in place of a Dockerfile: the build args it adds only where declared, a file step
/// first in a foreign-platform scratch stage, and the labels as one last step.</summary>
public class SentDockerfileTests
{
    private const string Buildx = "FROM scratch\nARG TARGETARCH\nCOPY bin-${TARGETARCH} /bin/tool\n";

    private static ImageBuildRequest Request(Platform? platform, Dictionary<string, string>? spec = null,
        Dictionary<string, string>? injected = null, Dictionary<string, string>? labels = null) =>
        new("/ctx", "Dockerfile", ["x:1"], spec ?? [], labels ?? [], platform) { InjectedArgs = injected ?? [] };

    private static SentDockerfile Compose(string text, ImageBuildRequest request) =>
        SentDockerfile.Compose(text, request, Platform.LinuxAmd64);

    [Fact]
    public void A_scratch_stage_for_a_foreign_platform_begins_with_a_file_step()
    {
        var sent = Compose(Buildx, Request(Platform.LinuxArm64));

        sent.Text.Should().Be("FROM scratch\nCOPY .cascade-empty/ /\nARG TARGETARCH\nCOPY bin-${TARGETARCH} /bin/tool\n");
        sent.FileStepsAfter.Should().Equal(1);
    }

    [Theory]
    [InlineData("FROM scratch\nCOPY a /a\nARG TARGETARCH\n", "it begins with a file step already")]
    [InlineData("FROM --platform=$BUILDPLATFORM scratch\nARG X\n", "a stage with --platform is not of the build's platform")]
    [InlineData("ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\nARG TARGETARCH\n", "its base is an image, not scratch")]
    public void Other_stages_are_sent_as_written(string text, string because) =>
        Compose(text, Request(Platform.LinuxArm64, injected: new() { ["BASE_IMAGE"] = "parent:fp-1" })).Text.Should().Be(text, because);

    [Fact]
    public void The_daemons_own_platform_is_sent_as_written() =>
        Compose(Buildx, Request(Platform.LinuxAmd64)).FileStepsAfter.Should().BeEmpty();

    [Fact]
    public void Every_scratch_stage_is_found_through_args_and_continuations()
    {
        const string text = "ARG ROOT=scratch\nFROM ${ROOT} \\\n  AS build\nENV A=1\nFROM SCRATCH\nLABEL x=y\nFROM scratch\nCOPY --from=build /a /a";

        var sent = Compose(text, Request(Platform.LinuxArm64));

        sent.FileStepsAfter.Should().Equal(3, 5);
        sent.Text.Should().Be("ARG ROOT=scratch\nFROM ${ROOT} \\\n  AS build\nCOPY .cascade-empty/ /\nENV A=1\nFROM SCRATCH\n" +
                              "COPY .cascade-empty/ /\nLABEL x=y\nFROM scratch\nCOPY --from=build /a /a");
    }

    [Fact]
    public void A_scratch_stage_with_nothing_after_FROM_gets_the_step_before_the_labels()
    {
        var sent = Compose("FROM scratch", Request(Platform.LinuxArm64, labels: new() { ["a"] = "b" }));
        sent.Text.Should().Be("FROM scratch\nCOPY .cascade-empty/ /\nLABEL \"a\"=\"b\"\n");
    }

    [Fact]
    public void Cascades_own_args_go_only_to_a_Dockerfile_that_declares_them_and_the_specs_always()
    {
        var sent = Compose("ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\nARG TARGETARCH A=1\n",
            Request(Platform.LinuxArm64, spec: new() { ["PY"] = "3.12", ["BASE_IMAGE"] = "stale:typed-by-hand" },
                injected: new() { ["BASE_IMAGE"] = "parent:fp-1", ["BASE_TAG"] = "fp-1", ["PARENT_IMAGE"] = "parent:fp-1" }));

        sent.BuildArgs.Should().BeEquivalentTo(new Dictionary<string, string>
        {
            ["BASE_IMAGE"] = "parent:fp-1", // injected wins over the spec's
            ["TARGETARCH"] = "arm64",
            ["PY"] = "3.12",                 // the spec's, as written, declared or not
        });
    }

    [Fact]
    public void The_specs_arg_wins_over_a_platform_arg() =>
        Compose("FROM scratch\nARG TARGETOS\n", Request(null, spec: new() { ["TARGETOS"] = "given" }))
            .BuildArgs.Should().Equal(new Dictionary<string, string> { ["TARGETOS"] = "given" });
}
