using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using CliWrap;

namespace Cascade.Pipeline;

/// <summary>How a host command ended. <see cref="NotFound"/>: the program could not be started at all.</summary>
internal sealed record HostCommandOutcome(int? ExitCode, bool TimedOut, string Output, TimeSpan Duration, bool NotFound = false)
{
    public bool Passed => !TimedOut && !NotFound && ExitCode == 0;
}

/// <summary>Runs host-side test commands (`integration_tests` through `sh -c`, pytest directly), output (stdout
/// and stderr interleaved) captured, killed with its process tree on timeout or cancellation.</summary>
internal sealed class HostCommandRunner
{
    /// <summary>A shell command line, as `integration_tests` gives it.</summary>
    public Task<HostCommandOutcome> RunAsync(
        string command, string workingDirectory, IReadOnlyDictionary<string, string?> environment,
        TimeSpan timeout, CancellationToken ct) =>
        RunAsync("sh", ["-c", command], workingDirectory, environment, timeout, ct);

    /// <summary>A program and its arguments, no shell in between.</summary>
    public async Task<HostCommandOutcome> RunAsync(
        string program, IReadOnlyList<string> arguments, string workingDirectory,
        IReadOnlyDictionary<string, string?> environment, TimeSpan timeout, CancellationToken ct)
    {
        var output = new StringBuilder();
        var sink = PipeTarget.ToDelegate(line => { lock (output) output.Append(line).Append('\n'); });
        using var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeoutCts.CancelAfter(timeout);
        var watch = Stopwatch.StartNew();
        try
        {
            var result = await Cli.Wrap(program)
                .WithArguments(arguments)
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
        catch (Exception e) when (e is Win32Exception || e.InnerException is Win32Exception)
        {
            var reason = (e as Win32Exception ?? (Win32Exception)e.InnerException!).Message;
            return new HostCommandOutcome(null, false, $"[cascade] could not start {program}: {reason}\n", watch.Elapsed, NotFound: true);
        }
    }

    private static string Text(StringBuilder sb) { lock (sb) return sb.ToString(); }
}
