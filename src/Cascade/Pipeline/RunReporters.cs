using Spectre.Console;

namespace Cascade.Pipeline;

internal static class RunReporters
{
    /// <summary>Plain lines when <paramref name="plain"/> (on CI, or when the log is redirected: the caller
    /// knows which, the pipeline does not look at the environment); the live view on a terminal.
    /// <paramref name="closingTable"/> renders the table either prints at the end.</summary>
    public static IRunReporter Create(IAnsiConsole console, TextWriter plainOutput, bool plain, TimeProvider clock,
        Func<RunResult, string> closingTable) =>
        plain ? new PlainRunReporter(plainOutput, closingTable) : new LiveRunReporter(console, clock, closingTable);
}
