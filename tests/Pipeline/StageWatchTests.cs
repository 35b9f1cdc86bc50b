using Cascade.Reports;
using Cascade.Pipeline;

namespace Cascade.Tests.Pipeline;

public class StageWatchTests
{
    private static StageWatch Watch() => new(new PlainRunReporter(TextWriter.Null, ResultsFile.Table), TimeProvider.System);

    private static ImageResult Finished(string name, ImageStatus status, PipelineStage? stage, string? reason = null) =>
        new() { Name = name, Status = status, Stage = stage, Reason = reason };

    [Fact]
    public void A_stage_is_done_once_no_image_has_it_ahead_while_later_stages_go_on()
    {
        var watch = Watch();
        watch.RunStarting(["a", "b"]);
        watch.StageStarted("a", PipelineStage.Build);
        watch.StageFinished("a", PipelineStage.Build, true, null);
        watch.Done(PipelineStage.Build).IsCompleted.Should().BeFalse("b has not built yet");

        watch.StageStarted("b", PipelineStage.Build);
        watch.StageFinished("b", PipelineStage.Build, true, null);
        watch.Done(PipelineStage.Build).IsCompleted.Should().BeTrue();
        watch.Done(PipelineStage.Test).IsCompleted.Should().BeFalse("both still have their tests ahead");

        watch.ImageFinished(Finished("a", ImageStatus.Failed, PipelineStage.Test, "test a.sh failed (exit 1)"));
        watch.ImageFinished(Finished("b", ImageStatus.Succeeded, PipelineStage.Test));
        watch.Done(PipelineStage.Test).IsCompleted.Should().BeTrue();
        watch.Done(PipelineStage.Push).IsCompleted.Should().BeTrue("an image that finished has no stage ahead");
        watch.Summary(PipelineStage.Build).Passed.Should().Be(2);
        watch.Summary(PipelineStage.Build).Failed.Should().BeEmpty();
        watch.Summary(PipelineStage.Test).Failed.Should().ContainSingle().Which.Name.Should().Be("a");
    }

    [Fact]
    public void A_failed_build_settles_its_stage_only_with_the_images_result_and_its_reason()
    {
        var watch = Watch();
        watch.RunStarting(["a", "b"]);
        watch.StageFinished("a", PipelineStage.Build, false, null);
        watch.Done(PipelineStage.Build).IsCompleted.Should().BeFalse();

        watch.ImageFinished(Finished("a", ImageStatus.Failed, PipelineStage.Build, "RUN false"));
        watch.ImageFinished(Finished("b", ImageStatus.Skipped, null, "parent a failed"));

        watch.Done(PipelineStage.Build).IsCompleted.Should().BeTrue();
        watch.Summary(PipelineStage.Build).Failed.Should().ContainSingle().Which.Reason.Should().Be("RUN false");
        watch.Skipped.Should().ContainSingle().Which.Name.Should().Be("b");
    }

    [Fact]
    public void A_stage_counts_as_undone_the_images_that_never_reached_it_and_as_done_before_those_a_previous_run_did()
    {
        var watch = Watch();
        watch.RunStarting(["a", "b", "c", "d"]);
        watch.ImageFinished(Finished("a", ImageStatus.Failed, PipelineStage.Test, "test a.sh failed (exit 1)"));
        watch.ImageFinished(Finished("b", ImageStatus.Skipped, null, "parent a failed"));
        watch.ImageFinished(Finished("c", ImageStatus.Succeeded, PipelineStage.Push) with { DoneBefore = PipelineStage.Push });
        watch.ImageFinished(Finished("d", ImageStatus.Reused, PipelineStage.Push) with { DoneBefore = PipelineStage.Build });

        watch.Undone(PipelineStage.Build).Select(r => r.Name).Should().Equal("b");
        watch.Undone(PipelineStage.Test).Select(r => r.Name).Should().Equal("b");
        watch.Undone(PipelineStage.Push).Select(r => r.Name).Should().Equal("b", "a");
        watch.Summary(PipelineStage.Build).DoneBefore.Should().Be(2);
        watch.Summary(PipelineStage.Test).DoneBefore.Should().Be(1);
        watch.Summary(PipelineStage.Push).DoneBefore.Should().Be(1);
    }

    [Fact]
    public async Task A_run_that_fails_to_start_ends_every_wait_with_its_error()
    {
        var watch = Watch();
        watch.Close(new InvalidOperationException("the daemon is gone"));

        var wait = () => watch.Done(PipelineStage.Test);
        await wait.Should().ThrowAsync<InvalidOperationException>().WithMessage("the daemon is gone");
    }
}
