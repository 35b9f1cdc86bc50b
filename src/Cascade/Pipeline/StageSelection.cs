namespace Cascade.Pipeline;

/// <summary>Which stage targets an invocation takes in, as the engine scheduled them: the Build, Test and Push targets'
/// names, the targets of the invocation (also those --skip or --continue skip), those that will run, and those --skip
/// took out.</summary>
sealed record StageSelection(IReadOnlyList<(PipelineStage Stage, string Target)> Targets, IReadOnlyCollection<string> ExecutionPlan,
    IReadOnlyCollection<string> Scheduled, IReadOnlyCollection<string> Skipped)
{
    /// <summary>The stages of this run: those whose targets the invocation takes in — also a target --continue skips
    /// for succeeding before, as its images may still need it (each image redoes what it had not completed) — less
    /// those --skip took out.</summary>
    public IReadOnlyList<PipelineStage> RunStages { get; } = Targets
        .Where(s => ExecutionPlan.Contains(s.Target) && !Skipped.Contains(s.Target)).Select(s => s.Stage).ToList();

    /// <summary>How far each image of the run goes.</summary>
    public PipelineStage RequestedStage => RunStages.Count > 0 ? RunStages[^1] : PipelineStage.Build;

    public bool IsLast(PipelineStage stage) => RunStages.Count > 0 && stage == RunStages[^1];

    public string TargetOf(PipelineStage stage) => Targets.First(s => s.Stage == stage).Target;

    /// <summary>Stages before <paramref name="stage"/> whose targets were meant to run (not skipped by --continue).</summary>
    public IReadOnlyList<PipelineStage> ScheduledBefore(PipelineStage stage) =>
        RunStages.Where(s => s < stage && Scheduled.Contains(TargetOf(s))).ToList();
}
