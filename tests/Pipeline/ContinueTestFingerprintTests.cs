using Cascade.Pipeline;
using Cascade.Reports;
using Cascade.Tests.Support;

namespace Cascade.Tests.Pipeline;

/// <summary>--continue trusts the tests a previous attempt passed only while they are the same tests (the image's
/// test fingerprint): changed since, they run again. With the fake engine: what matters is which tests run.</summary>
public class ContinueTestFingerprintTests
{
    private static RunOptions Options(TempStack stack, bool cont) => new()
    {
        Branch = "main", Commit = "abcdef0123456789abcdef0123456789abcdef01", ArtifactsDirectory = stack.Artifacts,
        UpTo = PipelineStage.Test, Continue = cont,
    };

    private static Task<RunResult> Run(FakeDockerEngine engine, TempStack stack, bool cont) =>
        new DagScheduler(engine, new PlainRunReporter(new StringWriter(), ResultsFile.Table), TimeProvider.System)
            .RunAsync(new RunRequest(stack.Spec, stack.Graph, stack.Graph.Images, Options(stack, cont)), CancellationToken.None);

    [Fact]
    public async Task A_continued_image_is_tested_again_when_its_tests_changed_since_they_passed()
    {
        using var stack = new TempStack().Image("base").Executable("tests_common/check.sh", "true");
        var engine = new FakeDockerEngine();

        var first = await Run(engine, stack, cont: false);
        first["base"].TestFingerprint.Should().StartWith("sha256:", "its tests passed");
        engine.TestRuns.Should().ContainSingle();

        var same = await Run(engine, stack, cont: true);
        same["base"].Reason.Should().Be(DagScheduler.ContinuedReason);
        same["base"].TestFingerprint.Should().Be(first["base"].TestFingerprint);
        engine.TestRuns.Should().ContainSingle("the same tests passed on the same image");

        stack.Executable("tests_common/check.sh", "test -x /bin/sh");
        var changed = await Run(engine, stack, cont: true);

        changed["base"].Reason.Should().NotBe(DagScheduler.ContinuedReason);
        changed["base"].TestFingerprint.Should().NotBe(first["base"].TestFingerprint);
        engine.TestRuns.Should().HaveCount(2, "its tests changed: they run again on the image built before");
        engine.Builds.Should().ContainSingle("the image itself did not change");
    }
}
