using Cascade.Stacks;

namespace Cascade.Pipeline;

/// <summary>Another run holds the artifacts folder, and this one does not wait (no --wait).</summary>
internal sealed class RunLockedException(string message) : Exception(message);

/// <summary>
/// One run at a time per artifacts folder (which belongs to one stack): an exclusive operating-system lock on
/// FOLDER/.cascade-lock, held until the run ends. The system drops it when the process ends, however it ends,
/// so a lock file a killed run left never blocks. The holder writes who it is to FOLDER/.cascade-lock-holder
/// (a separate file: the locked one cannot be read on every system), and deletes it when it lets go.
/// </summary>
internal sealed class RunLock : IDisposable
{
    public const string FileName = ".cascade-lock";
    public const string HolderFileName = ".cascade-lock-holder";

    private readonly FileStream locked;
    private readonly string holderFile;

    private RunLock(FileStream locked, string holderFile)
    {
        this.locked = locked;
        this.holderFile = holderFile;
    }

    /// <summary>The lock, or null when another process holds it.</summary>
    public static RunLock? TryAcquire(string folder, RunLockHolder me)
    {
        Directory.CreateDirectory(folder);
        if (ExclusiveFileLock.TryTake(Path.Combine(folder, FileName)) is not { } stream) return null;
        var holderFile = Path.Combine(folder, HolderFileName);
        AtomicFile.WriteAllText(holderFile, me.ToText());
        return new RunLock(stream, holderFile);
    }

    /// <summary>Takes the lock; when another process holds it, fails at once naming it, or with
    /// <paramref name="wait"/> tells <paramref name="waiting"/> whom it waits for and tries again every <paramref name="poll"/>.</summary>
    /// <exception cref="RunLockedException">Held by another process, and not <paramref name="wait"/>.</exception>
    public static async Task<RunLock> AcquireAsync(string folder, RunLockHolder me, bool wait, Action<string> waiting,
        TimeSpan poll, CancellationToken ct)
    {
        var first = true;
        RunLockHolder? named = null;
        while (true)
        {
            if (TryAcquire(folder, me) is { } taken) return taken;
            var holder = ReadHolder(folder);
            var where = DisplayPath.Of(folder);
            if (!wait)
                throw new RunLockedException(
                    $"Another Cascade run is working in {where}: {Describe(holder)}. One run at a time per stack and artifacts folder " +
                    "(their builds, logs, results and ledger would mix): wait for it to end, or pass --wait to wait for it.");
            // Said again only when another run took over: a holder between writing itself down and letting go is unnamed a moment.
            if (first || (holder is not null && holder != named))
                waiting($"Waiting for the run working in {where} to end: {Describe(holder)} (--wait; Ctrl-C stops waiting).");
            first = false;
            named = holder ?? named;
            try { await Task.Delay(poll, ct); }
            catch (OperationCanceledException e)
            {
                throw new OperationCanceledException($"Stopped waiting for the run working in {where}; nothing was done.", e, ct);
            }
        }
    }

    /// <summary>Who wrote itself down as the holder; null when nobody did (it is starting, or just let go) or
    /// the one who did is gone.</summary>
    public static RunLockHolder? ReadHolder(string folder)
    {
        try
        {
            var holder = RunLockHolder.Parse(File.ReadAllText(Path.Combine(folder, HolderFileName)));
            return holder is not null && holder.MayBeAlive() ? holder : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string Describe(RunLockHolder? holder) => holder?.ToString() ?? "another process (it has not said which yet)";

    public void Dispose()
    {
        // The holder file goes first, while the lock still keeps the next holder from writing its own.
        try { File.Delete(holderFile); }
        catch (IOException) { }
        locked.Dispose();
    }
}
