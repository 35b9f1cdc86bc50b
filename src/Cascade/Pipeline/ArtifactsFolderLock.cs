namespace Cascade.Pipeline;

/// <summary>
/// One run at a time per stack and artifacts folder. Every target that writes there — or writes the ledger and the
/// pages, which other runs read — takes the folder's lock before it starts (Build, Test, Push, the image targets,
/// PushIndex, Promote, Docs, RecordEntries, TestGpu) and the process keeps it to the end. A second run fails at
/// once naming the process that holds it, or with --wait waits for it. The read-only targets (Plan, Graph,
/// PlanOutputs, CheckWorkflows, Promote --dry-run, --help) never take it, so they run beside a build.
/// </summary>
/// <param name="command">What this process runs (its targets), for the message of a run that finds the folder taken.</param>
sealed class ArtifactsFolderLock(string folder, bool wait, Func<string> command, TextWriter log) : IDisposable
{
    static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(500);

    RunLock? held;

    /// <summary>Takes the folder's lock, unless this process holds it already.</summary>
    public async Task HoldAsync(CancellationToken ct)
    {
        if (held is not null) return;
        var me = RunLockHolder.Current(command(), DateTimeOffset.UtcNow);
        held = await RunLock.AcquireAsync(folder, me, wait, log.WriteLine, Poll, ct);
    }

    /// <summary>For the synchronous targets: cancelling the wait (Ctrl-C) stops it, holding nothing.</summary>
    public void Hold(CancellationToken ct) => HoldAsync(ct).GetAwaiter().GetResult();

    public void Dispose()
    {
        held?.Dispose();
        held = null;
    }
}
