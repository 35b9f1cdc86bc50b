using Cascade.Pipeline;
using Cascade.Registry;

namespace Cascade;

/// <summary>
/// The Build, Test and Push targets: one pipeline run over the plan, started by whichever of them runs first,
/// each image going build → test → push without waiting for the others. Each target stands for its own
/// stage: it waits until no image has that stage ahead of it, says what the stage did, and fails when an
/// image failed in it or never got to it — so the table at the end shows where the time went and which stage
/// failed, and a stage reported "Succeeded" is done for every image. A stage that --skip took out is left out
/// of the run (Test --skip tests the images already built); a stage whose run never started fails and says why,
/// never "0 of 0 passed". With --continue each image redoes only the stages it had not completed, whichever
/// stage target the engine still runs.
/// </summary>
partial class CascadeBuild
{
    static readonly (PipelineStage Stage, string Target)[] StageTargets =
        [(PipelineStage.Build, nameof(Build)), (PipelineStage.Test, nameof(Test)), (PipelineStage.Push, nameof(Push))];

    StageRun? stageRun;

    /// <summary>The stages of this run: those whose targets the invocation takes in — also a target --continue skips
    /// for succeeding before, as its images may still need it (each image redoes what it had not completed) —
    /// less those --skip took out.</summary>
    IReadOnlyList<PipelineStage> RunStages => StageTargets
        .Where(s => ExecutionPlan.Contains(s.Target) && !SkippedTargets.Contains(s.Target)).Select(s => s.Stage).ToList();

    /// <summary>How far each image of the run goes.</summary>
    PipelineStage RequestedStage => RunStages.Count > 0 ? RunStages[^1] : PipelineStage.Build;

    async Task RunStageAsync(PipelineStage stage)
    {
        var run = stageRun ??= StartStageRun(stage);
        if (run.StartedBy != stage && run.Task is { IsFaulted: true })
            throw new InvalidOperationException($"Not run: the run stopped with an error (see {TargetOf(run.StartedBy)}).");
        run.Watch.Resume();
        // The last stage waits for the whole run: its closing table and results.json come before the verdict.
        await Task.WhenAny(stage == RunStages[^1] ? run.Task : run.Watch.Done(stage), run.Task);
        await run.Watch.PauseAsync();
        // The run's own error, as it is: the watch may hear of it a moment before the run's task ends.
        if (run.Task.IsFaulted || run.Watch.Done(stage).IsFaulted) await run.Task;
        if (run.Names.Count == 0)
        {
            // The run's start said so already.
            if (run.StartedBy != stage) Out.WriteLine($"{TargetOf(stage)}: nothing to {stage.ToText()}: no image is affected.");
            return;
        }
        ReportStage(run, stage);
    }

    /// <summary>The first stage target to run starts the run; a later one may start it only when the earlier
    /// ones were not meant to run (--continue skipped them), never when they were and did not get to it.</summary>
    StageRun StartStageRun(PipelineStage stage)
    {
        var missed = RunStages.Where(s => s < stage && ScheduledTargets.Contains(TargetOf(s))).ToList();
        if (missed.Count > 0)
            throw new InvalidOperationException($"Not run: {TargetOf(stage)} reports on the run that {TargetOf(missed[0])} starts, " +
                                                $"and {TargetOf(missed[0])} did not run.");
        var run = new StageRun(stage, new StageWatch(CreateReporter(), TimeProvider.System));
        run.Task = RunAllStagesAsync(run);
        return run;
    }

    async Task<RunResult?> RunAllStagesAsync(StageRun run)
    {
        try
        {
            var stages = RunStages;
            var shape = new RunShape(run.Watch, Enum.GetValues<PipelineStage>().Where(s => !stages.Contains(s)).ToHashSet(),
                async (names, ct) =>
                {
                    run.Names = names;
                    if (!stages.Contains(PipelineStage.Push)) return;
                    // The run is recorded at its end (not a --platform run's): its ledger must be usable before anything is pushed.
                    if (RunPlatform is null) CheckWikiLedger();
                    await CheckPushLoginAsync(names, ct);
                });
            var result = await RunPlanAsync(RequestedStage, CurrentPlan, null, shape, Stopping);
            if (result is null) run.Watch.Close();
            return result;
        }
        catch (Exception e)
        {
            run.Watch.Close(e);
            throw;
        }
    }

    /// <summary>A wrong password is found before the first build, not after the first image was built and tested:
    /// one login round trip per registry the run pushes to.</summary>
    async Task CheckPushLoginAsync(IReadOnlyList<string> names, CancellationToken ct)
    {
        var repositories = names.Select(n => Loaded.Spec[n]).Where(HasPushRegistry)
            .Select(i => ImageReference.Parse(i.Repository)).DistinctBy(r => r.Registry).ToList();
        using var access = new RegistryAccess(CredentialsFor);
        var client = access.Client();
        foreach (var repository in repositories)
        {
            try { await client.CheckLoginAsync(repository, ct); }
            catch (RegistryException e) { throw new InvalidOperationException($"{e.Message} Nothing was built: the login is checked before the first build of a Push run."); }
        }
    }

    /// <summary>A stage target succeeds only when every image of the run got through its stage (in this run or, with
    /// --continue, in the one before): one that failed in it, or never reached it because something failed first,
    /// fails the target, so a green stage always means all its images are done.</summary>
    void ReportStage(StageRun run, PipelineStage stage)
    {
        var summary = run.Watch.Summary(stage);
        var undone = run.Watch.Undone(stage);
        var last = stage == RunStages[^1];
        WriteStage(run, summary, undone);
        run.Failures += summary.Failed.Count + undone.Count;
        var problems = new List<string>(2);
        if (summary.Failed.Count > 0)
            problems.Add($"{summary.Failed.Count} image(s) failed to {stage.ToText()} ({Names(summary.Failed)}).");
        if (undone.Count > 0)
            problems.Add($"{undone.Count} image(s) not {Past(stage)} ({Names(undone)}): an earlier failure stopped them.");
        if (problems.Count > 0)
            throw new InvalidOperationException(string.Join(" ", problems) + " " + WhatNext(ArtifactsFolder));
        if (last) FailUnlessTheRunSucceeded(run);
    }

    void WriteStage(StageRun run, StageSummary summary, IReadOnlyList<ImageResult> undone)
    {
        var stage = summary.Stage;
        var counts = new List<string> { $"{summary.Passed} image(s) {Done(stage)}" };
        if (summary.DoneBefore > 0) counts.Add($"{summary.DoneBefore} done in the previous run");
        if (summary.Failed.Count > 0) counts.Add($"{summary.Failed.Count} failed");
        if (undone.Count > 0) counts.Add($"{undone.Count} not {Past(stage)}");
        Out.WriteLine($"{TargetOf(stage)}: {string.Join(", ", counts)} " +
                      $"({SummaryTime(summary.Busy)} of {stage.ToText()} time, summed over images)");
        var paths = new ArtifactPaths(ArtifactsFolder);
        foreach (var image in summary.Failed)
            Out.WriteLine($"  {image.Name}: {image.Reason}{LogOf(paths, image.Name, stage)}");
        foreach (var image in undone)
            Out.WriteLine($"  {image.Name}: not {Past(stage)}: {WhyUndone(image)}");
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
            Out.WriteLine("  Nothing was pushed: no registry is configured. Set `registry:` in spec.yml or pass --registry HOST; " +
                          "the images stay in the local Docker daemon.");
        foreach (var pushed in images.Where(i => i.Digest is not null))
            Out.WriteLine($"  {pushed.Reference}@{pushed.Digest}");
    }

    static string TargetOf(PipelineStage stage) => StageTargets.First(s => s.Stage == stage).Target;

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
        return File.Exists(log) || Directory.Exists(log) ? $" (log: {Cascade.Stacks.DisplayPath.Of(log)})" : "";
    }

    static string SummaryTime(TimeSpan time) => time < TimeSpan.FromSeconds(1) ? "< 1s" : Cascade.Stacks.Durations.Format(time);

    /// <summary>The one run of an invocation, as the stage targets share it.</summary>
    sealed class StageRun(PipelineStage startedBy, StageWatch watch)
    {
        public PipelineStage StartedBy { get; } = startedBy;
        public StageWatch Watch { get; } = watch;
        public Task<RunResult?> Task { get; set; } = null!;
        public IReadOnlyList<string> Names { get; set; } = [];
        /// <summary>Failures the stage targets reported so far.</summary>
        public int Failures { get; set; }
    }
}
