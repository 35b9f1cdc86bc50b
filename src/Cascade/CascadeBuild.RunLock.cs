using Cascade.Engine;
using Cascade.Pipeline;

namespace Cascade;

/// <summary>
/// One run at a time per stack and artifacts folder. Every target that writes there — or writes the ledger and
/// the pages, which other runs read — takes the folder's lock before it starts (Build, Test, Push, the image
/// targets, PushIndex, Promote, Docs, RecordEntries, Test --gpu) and the process keeps it to the end. A second
/// run fails at once naming the process that holds it, or with --wait waits for it. The read-only targets
/// (Plan, Graph, PlanOutputs, CheckWorkflows, Promote --dry-run, --help) never take it, so they run beside a build.
/// </summary>
partial class CascadeBuild
{
    // Not called Wait: its environment variable would be WAIT, a word other tools use for their own purposes.
    /// <summary>--wait: wait for another run in the same artifacts folder to end instead of failing.</summary>
    [Parameter("When another run is working in the same artifacts folder: wait for it to end (default: fail at once, naming it)", Name = "wait")]
    protected bool WaitForOtherRun { get; init; }

    static readonly TimeSpan LockPoll = TimeSpan.FromMilliseconds(500);

    RunLock? runLock;

    /// <summary>Takes the artifacts folder's lock, unless this process holds it already.</summary>
    async Task HoldArtifactsFolderAsync(CancellationToken ct)
    {
        if (runLock is not null) return;
        var me = RunLockHolder.Current(string.Join(' ', InvokedTargets), DateTimeOffset.UtcNow);
        runLock = await RunLock.AcquireAsync(ArtifactsFolder, me, WaitForOtherRun, Out.WriteLine, LockPoll, ct);
    }

    /// <summary>For the synchronous targets: Ctrl-C while waiting stops the wait (the run exits 130), holding nothing.</summary>
    void HoldArtifactsFolder() => HoldArtifactsFolderAsync(Stopping).GetAwaiter().GetResult();

    /// <summary>Lets go of the artifacts folder's run lock. A derived build that overrides this calls
    /// <c>base.OnBuildFinished()</c>.</summary>
    protected override void OnBuildFinished()
    {
        runLock?.Dispose();
        runLock = null;
    }
}
