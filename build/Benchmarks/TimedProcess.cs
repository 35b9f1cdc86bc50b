using CliWrap;

namespace Cascade.Benchmarks;

/// <summary>Starts a process and times it from just before start to its exit, as a user waiting at a
/// prompt would. Output is drained (a full pipe would stall the child and inflate its time) but only
/// its ends are kept. The clock comes in so that the measuring is not hidden in a static.</summary>
public sealed class TimedProcess(TimeProvider clock)
{
    public int HeadLines { get; init; } = 20;
    public int TailLines { get; init; } = 40;

    /// <param name="environment">Added to (or, with a null value, removed from) the inherited environment.</param>
    public async Task<ProcessRun> RunAsync(
        string fileName, IEnumerable<string> arguments, string workingDirectory,
        IReadOnlyDictionary<string, string?>? environment, CancellationToken ct)
    {
        var output = new OutputEnds(HeadLines, TailLines);
        var sink = PipeTarget.ToDelegate(output.Add);
        var command = Cli.Wrap(fileName)
            .WithArguments(arguments)
            .WithWorkingDirectory(workingDirectory)
            .WithEnvironmentVariables(environment ?? new Dictionary<string, string?>())
            .WithStandardOutputPipe(sink)
            .WithStandardErrorPipe(sink)
            .WithValidation(CommandResultValidation.None);

        var started = clock.GetTimestamp();
        var result = await command.ExecuteAsync(ct);
        var elapsed = clock.GetElapsedTime(started);
        return new ProcessRun(result.ExitCode, elapsed, output.Head, output.Tail);
    }
}
