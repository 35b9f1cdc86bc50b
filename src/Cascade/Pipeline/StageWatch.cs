namespace Cascade.Pipeline;

/// <summary>
/// Watches a run stage by stage, for targets that each stand for one stage (Build, Test, Push): a stage is
/// done once every image of the run is past it — it finished that stage, or finished altogether — so the
/// Build target can end, truthfully, while tests of early images still run. Counts what each stage did
/// and how long images spent in it. Wraps the reporter that shows the run.
/// </summary>
internal sealed class StageWatch(IRunReporter inner, TimeProvider clock) : IRunReporter
{
    private readonly Lock gate = new();
    private readonly Dictionary<PipelineStage, HashSet<string>> pending = [];
    private readonly Dictionary<PipelineStage, StageTally> tallies = Enum.GetValues<PipelineStage>().ToDictionary(s => s, _ => new StageTally());
    private readonly Dictionary<PipelineStage, TaskCompletionSource> done = Enum.GetValues<PipelineStage>()
        .ToDictionary(s => s, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
    private readonly Dictionary<(string, PipelineStage), long> started = [];
    private readonly List<ImageResult> skipped = [];
    private readonly List<ImageResult> failed = [];

    /// <summary>Completes when no image of the run has <paramref name="stage"/> still ahead of it.</summary>
    public Task Done(PipelineStage stage) => done[stage].Task;

    /// <summary>What <paramref name="stage"/> did so far (all of it, once <see cref="Done"/> completed).</summary>
    public StageSummary Summary(PipelineStage stage)
    {
        lock (gate) return tallies[stage].ToSummary(stage);
    }

    /// <summary>Images skipped so far because something above them failed.</summary>
    public IReadOnlyList<ImageResult> Skipped
    {
        get { lock (gate) return [.. skipped]; }
    }

    /// <summary>Images that finished without getting through <paramref name="stage"/> and without failing in it:
    /// skipped below a failure, or failed in an earlier stage. A stage target that leaves any is no success.</summary>
    public IReadOnlyList<ImageResult> Undone(PipelineStage stage)
    {
        lock (gate) return [.. skipped, .. failed.Where(f => f.Stage is not { } s || s < stage)];
    }

    /// <summary>Ends every wait: the run is over (or never got going: <paramref name="error"/>).</summary>
    public void Close(Exception? error = null)
    {
        foreach (var wait in done.Values)
            if (error is null) wait.TrySetResult(); else wait.TrySetException(error);
    }

    /// <summary>Lets the build print between stages: a live view stops redrawing until <see cref="Resume"/>.</summary>
    public Task PauseAsync() => inner is IPausableReporter live ? live.PauseAsync() : Task.CompletedTask;

    public void Resume() => (inner as IPausableReporter)?.Resume();

    public void RunStarting(IReadOnlyList<string> images)
    {
        lock (gate)
            foreach (var stage in done.Keys) pending[stage] = new HashSet<string>(images, StringComparer.Ordinal);
        inner.RunStarting(images);
        foreach (var stage in done.Keys) CompleteIfEmpty(stage);
    }

    public void StageStarted(string image, PipelineStage stage)
    {
        lock (gate) started[(image, stage)] = clock.GetTimestamp();
        inner.StageStarted(image, stage);
    }

    public void StageFinished(string image, PipelineStage stage, bool succeeded, string? logPath)
    {
        lock (gate)
        {
            if (started.Remove((image, stage), out var since)) tallies[stage].Busy += clock.GetElapsedTime(since);
            if (succeeded) tallies[stage].Passed.Add(image);
        }
        inner.StageFinished(image, stage, succeeded, logPath);
        // A failure is settled by ImageFinished, which carries the reason.
        if (succeeded) Settle(image, [stage]);
    }

    public void ImageFinished(ImageResult result)
    {
        lock (gate)
        {
            if (result.Status == ImageStatus.Failed) failed.Add(result);
            if (result.Status == ImageStatus.Failed && result.Stage is { } stage) tallies[stage].Failed.Add(result);
            if (result.Status == ImageStatus.Skipped) skipped.Add(result);
            foreach (var before in tallies.Keys.Where(s => s <= result.DoneBefore)) tallies[before].DoneBefore++;
        }
        inner.ImageFinished(result);
        Settle(result.Name, done.Keys);
    }

    public async Task RunFinishedAsync(RunResult result)
    {
        await inner.RunFinishedAsync(result);
        Close();
    }

    private void Settle(string image, IEnumerable<PipelineStage> stages)
    {
        foreach (var stage in stages.ToList())
        {
            lock (gate)
                if (!pending.TryGetValue(stage, out var waiting) || !waiting.Remove(image)) continue;
            CompleteIfEmpty(stage);
        }
    }

    private void CompleteIfEmpty(PipelineStage stage)
    {
        lock (gate)
            if (pending[stage].Count > 0) return;
        done[stage].TrySetResult();
    }

    private sealed class StageTally
    {
        public HashSet<string> Passed { get; } = new(StringComparer.Ordinal);
        public List<ImageResult> Failed { get; } = [];
        public int DoneBefore { get; set; }
        public TimeSpan Busy { get; set; }

        public StageSummary ToSummary(PipelineStage stage) => new(stage, Passed.Count, [.. Failed], Busy) { DoneBefore = DoneBefore };
    }
}

/// <summary>What one stage did in a run: how many images passed it, those that failed in it (with their
/// reasons), and the time images spent in it, summed over images (they overlap when run in parallel).</summary>
internal sealed record StageSummary(PipelineStage Stage, int Passed, IReadOnlyList<ImageResult> Failed, TimeSpan Busy)
{
    /// <summary>Images that had completed this stage in a previous run (--continue) and did not do it again.</summary>
    public int DoneBefore { get; init; }
}

/// <summary>A reporter that can stop drawing for a moment (a terminal's live table), so text printed between
/// stages is not drawn over.</summary>
internal interface IPausableReporter
{
    Task PauseAsync();
    void Resume();
}
