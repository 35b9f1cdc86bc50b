using Cascade.Reports;
using Cascade.Pipeline;
using Cascade.Tests.Support;

namespace Cascade.Tests.Pipeline;

/// <summary>Each run clears the artifact folders of the images it runs, for the stages it does; a folder
/// belongs to one stack.</summary>
public class ArtifactFoldersTests
{
    private static RunOptions Options(TempStack stack, PipelineStage upTo, params PipelineStage[] skipped) => new()
    {
        Branch = "main", ArtifactsDirectory = stack.Artifacts, UpTo = upTo, Skipped = skipped.ToHashSet(),
    };

    private static Task<RunResult> Run(FakeDockerEngine engine, TempStack stack, RunOptions options) =>
        new DagScheduler(engine, new PlainRunReporter(TextWriter.Null, ResultsFile.Table), TimeProvider.System)
            .RunAsync(PlanFingerprints.Request(stack.Spec, stack.Graph, stack.Graph.Images, options), CancellationToken.None);

    [Fact]
    public async Task A_removed_tests_old_log_does_not_linger_after_the_next_run()
    {
        using var stack = new TempStack().Image("base")
            .Executable("base/test/kept.sh", "true").Executable("base/test/removed.sh", "true");
        var engine = new FakeDockerEngine();
        var paths = new ArtifactPaths(stack.Artifacts);

        (await Run(engine, stack, Options(stack, PipelineStage.Test))).Succeeded.Should().BeTrue();
        File.Exists(paths.TestLog("base", "base/test/removed.sh")).Should().BeTrue();

        File.Delete(Path.Combine(stack.StackDir, "base/test/removed.sh"));
        File.WriteAllText(Path.Combine(paths.ImageFolder("base"), "stray.txt"), "from an older Cascade");
        (await Run(engine, stack, Options(stack, PipelineStage.Test))).Succeeded.Should().BeTrue();

        File.Exists(paths.TestLog("base", "base/test/kept.sh")).Should().BeTrue();
        File.Exists(paths.TestLog("base", "base/test/removed.sh")).Should().BeFalse("the test is gone, so is its log");
        File.Exists(Path.Combine(paths.ImageFolder("base"), "stray.txt")).Should().BeFalse("a build makes the image's folder new");
    }

    [Fact]
    public async Task A_run_with_Build_skipped_keeps_the_build_log_of_the_image_it_tests()
    {
        // tests_common/ lies outside the image's context: removing a test there leaves the image as it was.
        using var stack = new TempStack().Image("base").Executable("base/test/t.sh", "true").Executable("tests_common/old.sh", "true");
        var engine = new FakeDockerEngine();
        var paths = new ArtifactPaths(stack.Artifacts);
        (await Run(engine, stack, Options(stack, PipelineStage.Test))).Succeeded.Should().BeTrue();
        File.Exists(paths.TestLog("base", "tests_common/old.sh")).Should().BeTrue();
        File.Delete(Path.Combine(stack.StackDir, "tests_common/old.sh"));

        var tested = await Run(engine, stack, Options(stack, PipelineStage.Test, PipelineStage.Build));
        tested.Succeeded.Should().BeTrue(string.Join("\n", tested.Images.Select(i => $"{i.Name}: {i.Status} {i.Reason}")));

        File.Exists(paths.BuildLog("base")).Should().BeTrue("the tested image is that build");
        File.Exists(paths.TestLog("base", "tests_common/old.sh")).Should().BeFalse();
        File.Exists(paths.TestLog("base", "base/test/t.sh")).Should().BeTrue();
    }

    [Fact]
    public void A_folder_claimed_by_one_stack_is_refused_to_another()
    {
        using var temp = new TempFolder("cascade-artifacts-");
        var root = temp.Path;
        var paths = new ArtifactPaths(root);
        paths.Claim("/repo/images/spec.yml");
        paths.Claim("/repo/images/spec.yml");

        var other = () => paths.Claim("/repo/other/spec.yml");

        other.Should().Throw<InvalidOperationException>().WithMessage("*holds the artifacts of the stack /repo/images/spec.yml*--artifacts DIR*");
    }
}
