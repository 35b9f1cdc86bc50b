namespace Cascade.Benchmarks;

/// <summary>One finished process: its exit code, its wall time from start to exit, and the first and last
/// lines of its output (stdout and stderr interleaved). Only the ends are kept: a 5,000-image plan prints
/// thousands of lines, and a benchmark needs the summary and the error, not the middle.</summary>
internal sealed record ProcessRun(int ExitCode, TimeSpan WallTime, IReadOnlyList<string> HeadLines, IReadOnlyList<string> TailLines)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>The last lines as one text, for error messages.</summary>
    public string OutputTail => string.Join('\n', TailLines);

    /// <summary>True when a line of the head or the tail contains <paramref name="text"/>.</summary>
    public bool Printed(string text) =>
        HeadLines.Any(l => l.Contains(text, StringComparison.Ordinal)) || TailLines.Any(l => l.Contains(text, StringComparison.Ordinal));
}
