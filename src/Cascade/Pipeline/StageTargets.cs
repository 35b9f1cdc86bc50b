using Cascade.Changes;
using Cascade.Registry;

namespace Cascade.Pipeline;

/// <summary>
/// The Build, Test and Push targets: one pipeline run over the plan, started by whichever of them runs first, each
/// image going build → test → push without waiting for the others. Each target stands for its own stage: it waits
/// until no image has that stage ahead of it, says what the stage did, and fails when an image failed in it or never
/// got to it — so the table at the end shows where the time went and which stage failed, and a stage reported
/// "Succeeded" is done for every image. A stage that --skip took out is left out of the run (Test --skip tests the
/// images already built); a stage whose run never started fails and says why, never "0 of 0 passed". With --continue
/// each image redoes only the stages it had not completed, whichever stage target the engine still runs.
/// </summary>
/// <param name="checkLedgerBeforePush">Stops a Push run whose ledger would not be usable at its end, before anything is pushed.</param>
sealed class StageTargets(StackRun stackRun, Func<BuildPlan> plan, StageSelection selection, RegistryLogins logins,
    Action checkLedgerBeforePush, TextWriter log)
{
    StageRun? started;

    /// <summary>What a stage target does: the first starts the run; each reports its own stage.</summary>
    public async Task RunStageAsync(PipelineStage stage, CancellationToken ct)
    {
        var run = started ??= Start(stage, ct);
        if (run.StartedBy != stage && run.Task is { IsFaulted: true })
            throw new InvalidOperationException($"Not run: the run stopped with an error (see {selection.TargetOf(run.StartedBy)}).");
        run.Watch.Resume();
        // The last stage waits for the whole run: its closing table and results.json come before the verdict.
        await Task.WhenAny(selection.IsLast(stage) ? run.Task : run.Watch.Done(stage), run.Task);
        await run.Watch.PauseAsync();
        // The run's own error, as it is: the watch may hear of it a moment before the run's task ends.
        if (run.Task.IsFaulted || run.Watch.Done(stage).IsFaulted) await run.Task;
        if (run.Names.Count == 0)
        {
            // The run's start said so already.
            if (run.StartedBy != stage) log.WriteLine($"{selection.TargetOf(stage)}: nothing to {stage.ToText()}: no image is affected.");
            return;
        }
        new StageReport(selection, stackRun, log).Report(run, stage);
    }

    /// <summary>The first stage target to run starts the run; a later one may start it only when the earlier ones were
    /// not meant to run (--continue skipped them), never when they were and did not get to it.</summary>
    StageRun Start(PipelineStage stage, CancellationToken ct)
    {
        var missed = selection.ScheduledBefore(stage);
        if (missed.Count > 0)
            throw new InvalidOperationException($"Not run: {selection.TargetOf(stage)} reports on the run that " +
                                                $"{selection.TargetOf(missed[0])} starts, and {selection.TargetOf(missed[0])} did not run.");
        var run = new StageRun(stage, new StageWatch(stackRun.CreateReporter(), TimeProvider.System));
        run.Task = RunAllStagesAsync(run, ct);
        return run;
    }

    async Task<RunResult?> RunAllStagesAsync(StageRun run, CancellationToken ct)
    {
        try
        {
            var stages = selection.RunStages;
            var shape = new RunShape(run.Watch, Enum.GetValues<PipelineStage>().Where(s => !stages.Contains(s)).ToHashSet(),
                async (names, token) =>
                {
                    run.Names = names;
                    if (stages.Contains(PipelineStage.Push)) await BeforePushAsync(names, token);
                });
            var result = await stackRun.RunAsync(selection.RequestedStage, plan(), shape, ct);
            if (result is null) run.Watch.Close();
            return result;
        }
        catch (Exception e)
        {
            run.Watch.Close(e);
            throw;
        }
    }

    async Task BeforePushAsync(IReadOnlyList<string> names, CancellationToken ct)
    {
        // The run is recorded at its end (not a --platform run's): its ledger must be usable before anything is pushed.
        if (stackRun.Settings.Platform is null) checkLedgerBeforePush();
        var spec = stackRun.Planning.Spec;
        await PushLogins.CheckAsync(logins, names.Select(n => spec[n]).Where(i => RunContext.PushesSomewhere(spec, i))
            .Select(i => ImageReference.Parse(i.Repository)), ct);
    }
}

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
