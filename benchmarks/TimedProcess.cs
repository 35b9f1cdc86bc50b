using CliWrap;

namespace Cascade.Benchmarks;

/// <summary>Starts a process and times it from just before start to its exit, as a user waiting at a
/// prompt would. Output is drained into temp files as raw bytes (a full pipe would stall the child, and
/// decoding a megabyte of lines while it runs would take a core from it) and read afterwards; only its
/// ends are kept. The clock comes in so that the measuring is not hidden in a static.</summary>
internal sealed class TimedProcess(TimeProvider clock)
{
    public int HeadLines { get; init; } = 20;
    public int TailLines { get; init; } = 40;

    /// <param name="environment">Added to (or, with a null value, removed from) the inherited environment.</param>
    public async Task<ProcessRun> RunAsync(
        string fileName, IEnumerable<string> arguments, string workingDirectory,
        IReadOnlyDictionary<string, string?>? environment, CancellationToken ct)
    {
        var stdoutFile = Path.GetTempFileName();
        var stderrFile = Path.GetTempFileName();
        try
        {
            var command = Cli.Wrap(fileName)
                .WithArguments(arguments)
                .WithWorkingDirectory(workingDirectory)
                .WithEnvironmentVariables(environment ?? new Dictionary<string, string?>())
                .WithStandardOutputPipe(PipeTarget.ToFile(stdoutFile))
                .WithStandardErrorPipe(PipeTarget.ToFile(stderrFile))
                .WithValidation(CommandResultValidation.None);

            var started = clock.GetTimestamp();
            var result = await command.ExecuteAsync(ct);
            var elapsed = clock.GetElapsedTime(started);

            var output = new OutputEnds(HeadLines, TailLines);
            foreach (var line in File.ReadLines(stdoutFile).Concat(File.ReadLines(stderrFile))) output.Add(line);
            return new ProcessRun(result.ExitCode, elapsed, output.Head, output.Tail);
        }
        finally
        {
            File.Delete(stdoutFile);
            File.Delete(stderrFile);
        }
    }
}
