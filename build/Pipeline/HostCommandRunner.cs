using System.Diagnostics;
using System.Text;
using CliWrap;

namespace Cascade.Pipeline;

public sealed record HostCommandOutcome(int? ExitCode, bool TimedOut, string Output, TimeSpan Duration)
{
    public bool Passed => !TimedOut && ExitCode == 0;
}

/// <summary>Runs an `integration_tests` command on the host through `sh -c`, output (stdout and stderr
/// interleaved) captured, killed with its process tree on timeout or cancellation.</summary>
public sealed class HostCommandRunner
{
    public async Task<HostCommandOutcome> RunAsync(
        string command, string workingDirectory, IReadOnlyDictionary<string, string?> environment,
        TimeSpan timeout, CancellationToken ct)
    {
        var output = new StringBuilder();
        var sink = PipeTarget.ToDelegate(line => { lock (output) output.Append(line).Append('\n'); });
        using var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeoutCts.CancelAfter(timeout);
        var watch = Stopwatch.StartNew();
        try
        {
            var result = await Cli.Wrap("sh")
                .WithArguments(["-c", command])
                .WithWorkingDirectory(workingDirectory)
                .WithEnvironmentVariables(environment)
                .WithStandardOutputPipe(sink)
                .WithStandardErrorPipe(sink)
                .WithValidation(CommandResultValidation.None)
                .ExecuteAsync(timeoutCts.Token);
            return new HostCommandOutcome(result.ExitCode, false, Text(output), watch.Elapsed);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new HostCommandOutcome(null, true, Text(output), watch.Elapsed);
        }
    }

    private static string Text(StringBuilder sb) { lock (sb) return sb.ToString(); }
}
