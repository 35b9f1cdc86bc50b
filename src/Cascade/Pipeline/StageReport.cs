using Cascade.Stacks;

namespace Cascade.Pipeline;

/// <summary>What a stage target says of its stage: how many images got through it, which failed in it (with their log)
/// or never reached it, and, for Push, what was pushed. A stage target succeeds only when every image of the run got
/// through its stage (in this run or, with --continue, in the one before), so a green stage means all its images are done.</summary>
sealed class StageReport(StageSelection selection, StackRun stackRun, TextWriter log)
{
    public void Report(StageRun run, PipelineStage stage)
    {
        var summary = run.Watch.Summary(stage);
        var undone = run.Watch.Undone(stage);
        Write(run, summary, undone);
        run.Failures += summary.Failed.Count + undone.Count;
        var problems = new List<string>(2);
        if (summary.Failed.Count > 0)
            problems.Add($"{summary.Failed.Count} image(s) failed to {stage.ToText()} ({Names(summary.Failed)}).");
        if (undone.Count > 0)
            problems.Add($"{undone.Count} image(s) not {Past(stage)} ({Names(undone)}): an earlier failure stopped them.");
        if (problems.Count > 0)
            throw new InvalidOperationException(string.Join(" ", problems) + " " + stackRun.WhatNext());
        if (selection.IsLast(stage)) FailUnlessTheRunSucceeded(run);
    }

    void Write(StageRun run, StageSummary summary, IReadOnlyList<ImageResult> undone)
    {
        var stage = summary.Stage;
        var counts = new List<string> { $"{summary.Passed} image(s) {Done(stage)}" };
        if (summary.DoneBefore > 0) counts.Add($"{summary.DoneBefore} done in the previous run");
        if (summary.Failed.Count > 0) counts.Add($"{summary.Failed.Count} failed");
        if (undone.Count > 0) counts.Add($"{undone.Count} not {Past(stage)}");
        log.WriteLine($"{selection.TargetOf(stage)}: {string.Join(", ", counts)} " +
                      $"({SummaryTime(summary.Busy)} of {stage.ToText()} time, summed over images)");
        var paths = new ArtifactPaths(stackRun.Settings.ArtifactsFolder);
        foreach (var image in summary.Failed)
            log.WriteLine($"  {image.Name}: {image.Reason}{LogOf(paths, image.Name, stage)}");
        foreach (var image in undone)
            log.WriteLine($"  {image.Name}: not {Past(stage)}: {WhyUndone(image)}");
        if (stage == PipelineStage.Push && run.Task.IsCompletedSuccessfully) ReportPushed(run.Task.Result!);
    }

    /// <summary>Why an image never got to a stage: the failure above it, or its own in an earlier stage.</summary>
    static string WhyUndone(ImageResult image) =>
        image.Status == ImageStatus.Skipped ? image.Reason ?? image.Status.ToText()
        : image.Stage is { } failedIn ? $"its {failedIn.ToText()} failed"
        : $"it failed ({image.Reason})";

    static string Names(IEnumerable<ImageResult> images) => string.Join(", ", images.Select(i => i.Name));

    /// <summary>Cancellation fails the last stage; so, as a safety net, does a failure no stage counted.</summary>
    static void FailUnlessTheRunSucceeded(StageRun run)
    {
        if (!run.Task.IsCompletedSuccessfully || run.Task.Result is not { } result) return;
        if (result.Cancelled)
            throw new InvalidOperationException("Stopped: the run was cancelled; containers it started were removed.");
        if (run.Failures == 0 && result.Images.Any(i => i.Status == ImageStatus.Failed))
            throw new InvalidOperationException("The run did not succeed; see the table above.");
    }

    void ReportPushed(RunResult result)
    {
        // Images pushed in an earlier run (--continue) are not this run's to report.
        var images = result.Images.Where(i => i.Status != ImageStatus.Unchanged && !(i.DoneBefore >= PipelineStage.Push)).ToList();
        if (images.Count > 0 && images.All(i => i.Digest is null && i.IsSuccess))
            log.WriteLine("  Nothing was pushed: no registry is configured. Set `registry:` in spec.yml or pass --registry HOST; " +
                          "the images stay in the local Docker daemon.");
        foreach (var pushed in images.Where(i => i.Digest is not null))
            log.WriteLine($"  {pushed.Reference}@{pushed.Digest}");
    }

    static string Done(PipelineStage stage) => stage switch
    {
        PipelineStage.Build => "built", PipelineStage.Test => "passed their tests", _ => "pushed",
    };

    static string Past(PipelineStage stage) => stage switch
    {
        PipelineStage.Build => "built", PipelineStage.Test => "tested", _ => "pushed",
    };

    /// <summary>" (log: PATH)" when the stage left one.</summary>
    static string LogOf(ArtifactPaths paths, string image, PipelineStage stage)
    {
        var log = stage switch
        {
            PipelineStage.Build => paths.BuildLog(image),
            PipelineStage.Test => Path.Combine(paths.ImageFolder(image), "tests"),
            _ => paths.PushLog(image),
        };
        return File.Exists(log) || Directory.Exists(log) ? $" (log: {DisplayPath.Of(log)})" : "";
    }

    static string SummaryTime(TimeSpan time) => time < TimeSpan.FromSeconds(1) ? "< 1s" : Durations.Format(time);
}
