using System.Runtime.InteropServices;

namespace Cascade.Engine.Internal;

/// <summary>
/// Ctrl-C (SIGINT) and SIGTERM, for one run of the targets: the first becomes a cancellation — nothing new
/// starts, running work stops and removes what it started — and the run then exits as a stopped process does
/// in a shell, 128 + the signal's number (130, 143), so a script can tell "stopped" from "failed". A second
/// signal ends the process at once, the usual way.
/// </summary>
internal sealed class StopSignals : IDisposable
{
    private readonly CancellationTokenSource _source = new();
    private readonly PosixSignalRegistration[] _registrations;
    private int _received;

    public StopSignals()
    {
        _registrations = [.. new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM }.Select(signal =>
            PosixSignalRegistration.Create(signal, context =>
            {
                if (Interlocked.CompareExchange(ref _received, Number(signal), 0) != 0) return;
                context.Cancel = true;
                // Console.Error, not the run's writer: this runs on the signal's own thread.
                Console.Error.WriteLine($"{signal}: stopping; removing what this run started…");
                _source.Cancel();
            }))];
    }

    public CancellationToken Token => _source.Token;

    /// <summary>128 + the signal's number once one arrived, else null.</summary>
    public int? ExitCode => _received == 0 ? null : 128 + _received;

    // .NET's PosixSignal values are its own (negative); the exit code wants the POSIX numbers.
    private static int Number(PosixSignal signal) => signal == PosixSignal.SIGINT ? 2 : 15;

    public void Dispose()
    {
        foreach (var r in _registrations) r.Dispose();
        _source.Dispose();
    }
}
