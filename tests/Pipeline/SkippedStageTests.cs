using Cascade.Reports;
using Cascade.Pipeline;
using Cascade.Tests.Support;

namespace Cascade.Tests.Pipeline;

/// <summary>A stage --skip took out is left out of the run: no build means the image must exist, no test
/// means it goes on untested.</summary>
public class SkippedStageTests
{
    private static Task<RunResult> Run(FakeDockerEngine engine, TempStack stack, PipelineStage upTo, params PipelineStage[] skipped) =>
        new DagScheduler(engine, new PlainRunReporter(TextWriter.Null, ResultsFile.Table), TimeProvider.System).RunAsync(
            new RunRequest(stack.Spec, stack.Graph, stack.Graph.Images, new RunOptions
            {
                Branch = "main", ArtifactsDirectory = stack.Artifacts, UpTo = upTo, Skipped = skipped.ToHashSet(),
            }), CancellationToken.None);

    [Fact]
    public async Task With_Test_skipped_images_are_built_and_pushed_untested()
    {
        using var stack = new TempStack().Image("base").Image("app", "base").Executable("tests_common/t.sh", "true");
        var engine = new FakeDockerEngine();

        var result = await Run(engine, stack, PipelineStage.Push, PipelineStage.Test);

        result.Succeeded.Should().BeTrue();
        engine.Builds.Should().HaveCount(2);
        engine.TestRuns.Should().BeEmpty();
        engine.Pushes.Should().NotBeEmpty();
        result["app"].Stage.Should().Be(PipelineStage.Push);
    }

    [Fact]
    public async Task With_Build_skipped_a_missing_image_fails_at_the_first_stage_and_an_existing_one_is_only_tested()
    {
        using var stack = new TempStack().Image("base").Image("app", "base").Executable("tests_common/t.sh", "true");
        var engine = new FakeDockerEngine();

        var missing = await Run(engine, stack, PipelineStage.Test, PipelineStage.Build);
        missing["base"].Should().Match<ImageResult>(r => r.Status == ImageStatus.Failed && r.Stage == PipelineStage.Test
            && r.Reason!.StartsWith("not built: Build was skipped (--skip)"));
        missing["app"].Status.Should().Be(ImageStatus.Skipped);
        engine.Builds.Should().BeEmpty();

        (await Run(engine, stack, PipelineStage.Build)).Succeeded.Should().BeTrue();
        var builds = engine.Builds.Count;
        var tested = await Run(engine, stack, PipelineStage.Test, PipelineStage.Build);

        tested.Succeeded.Should().BeTrue();
        engine.Builds.Should().HaveCount(builds, "nothing is built when Build is skipped");
        engine.TestRuns.Should().HaveCount(2);
    }
}
