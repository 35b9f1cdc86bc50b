namespace Cascade.Pipeline;

/// <summary>
/// --continue across runs: the state file (<see cref="RunState"/>) this run keeps of the stages each image completed,
/// what of the previous run's record it may trust, and how a continued image's result says so.
/// </summary>
internal sealed class RunContinuation(RunContext run, ImageLookup lookup, RunState state)
{
    private readonly Dictionary<string, PipelineStage> resumed = new(StringComparer.Ordinal);

    /// <summary>The previous run's record with --continue; else a fresh one: an old file must not vouch for images
    /// this run rebuilds.</summary>
    public static RunContinuation Open(RunContext run, ImageLookup lookup)
    {
        var path = run.Paths.RunState;
        if (run.Options.Continue) return new(run, lookup, RunState.Load(path));
        if (File.Exists(path)) File.Delete(path);
        return new(run, lookup, RunState.Empty(path));
    }

    /// <summary>The previous run's record of <paramref name="name"/> when it still holds: --continue trusts a record
    /// only for the same content (fingerprint) and while its image still exists; its passed tests only while they are
    /// the same tests (test fingerprint), else they run again.</summary>
    public async Task<SucceededImage?> StillValidAsync(string name, CancellationToken ct)
    {
        var before = state.Find(name);
        var image = run.Spec[name];
        if (before is null || before.Fingerprint != run.FingerprintOf(image).Value || before.Reference != run.ExactReference(image)) return null;
        var id = await lookup.FindLocalAsync(before.Reference, ct);
        if (id is null || (before.ImageId is not null && id != before.ImageId)) return null;
        var testsHold = before.Stage < PipelineStage.Test || before.TestFingerprint == run.TestFingerprintOf(image).Value;
        return before with { ImageId = id, Stage = testsHold ? before.Stage : PipelineStage.Build };
    }

    /// <summary>The result of an image that completed every stage of this run in the previous one.</summary>
    public static ImageResult Continued(SucceededImage before) => new()
    {
        Name = before.Name, Status = ImageStatus.Succeeded, Stage = before.Stage, Reason = DagScheduler.ContinuedReason,
        Reference = before.Reference, ImageId = before.ImageId, Fingerprint = before.Fingerprint, DoneBefore = before.Stage,
        TestFingerprint = before.TestFingerprint,
    };

    /// <summary><paramref name="name"/> starts after the stages up to <paramref name="doneBefore"/> of the previous run.</summary>
    public void Resumes(string name, PipelineStage doneBefore) => resumed[name] = doneBefore;

    /// <summary>A resumed image's result says which of its stages were the previous run's; any other is as it came.</summary>
    public ImageResult AsResumed(string name, ImageResult result) => !resumed.TryGetValue(name, out var doneBefore) ? result : result with
    {
        DoneBefore = doneBefore,
        Reason = result.IsAvailable ? $"continued after its {doneBefore.ToText()} in the previous run" + (result.Reason is { } r ? $"; {r}" : "")
            : result.Reason,
    };

    /// <summary>What --continue may trust next time: the stages the image completed, even when a later one failed. A
    /// multi-platform image that failed is redone whole (its platforms may have stopped at different stages; each
    /// platform's image that exists is reused by its fingerprint).</summary>
    public void RecordProgress(ImageResult result)
    {
        var completed = result.IsAvailable || result.PlatformResults.Count <= 1 ? CompletedStage(result, run.Options) : null;
        if (completed is null || result.Reference is null) state.Forget(result.Name);
        else state.Record(new SucceededImage(result.Name, result.Reference, result.ImageId, completed.Value, run.FingerprintOf(run.Spec[result.Name]).Value,
            completed >= PipelineStage.Test ? result.TestFingerprint : null));
    }

    /// <summary>The last stage <paramref name="result"/> completed: its stage when it succeeded, the one before the
    /// failing one when it failed. A run that left Test out (--skip) completed no image's tests.</summary>
    private static PipelineStage? CompletedStage(ImageResult result, RunOptions options)
    {
        PipelineStage? completed = result.IsAvailable ? result.Stage ?? options.UpTo
            : result.Status == ImageStatus.Failed && result.Stage > PipelineStage.Build ? result.Stage - 1
            : null;
        return completed >= PipelineStage.Test && options.Skips(PipelineStage.Test) ? PipelineStage.Build : completed;
    }
}
