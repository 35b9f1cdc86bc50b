using System.Runtime.InteropServices;

/// <summary>Ctrl-C and SIGTERM become a cancellation: nothing new starts, running stages stop, and the
/// containers they started are removed before the process exits.</summary>
sealed class StopSignal : IDisposable
{
    readonly CancellationTokenSource source = new();
    readonly PosixSignalRegistration[] registrations;

    public StopSignal()
    {
        registrations = [.. new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM }.Select(signal =>
            PosixSignalRegistration.Create(signal, context =>
            {
                // Keep the process alive so cleanup can run; a second signal then ends it the usual way.
                if (source.IsCancellationRequested) return;
                context.Cancel = true;
                Console.Error.WriteLine($"{signal}: stopping; removing what this run started…");
                source.Cancel();
            }))];
    }

    public CancellationToken Token => source.Token;

    public void Dispose()
    {
        foreach (var r in registrations) r.Dispose();
        source.Dispose();
    }
}
