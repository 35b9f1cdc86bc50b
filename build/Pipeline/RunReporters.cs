using Spectre.Console;

namespace Cascade.Pipeline;

public static class RunReporters
{
    /// <summary>Plain lines on CI (CI or GITHUB_ACTIONS set) or when output is redirected; the live view on a terminal.
    /// The environment is read through <paramref name="environment"/> so callers and tests decide what it holds;
    /// <paramref name="closingTable"/> renders the table either prints at the end.</summary>
    public static IRunReporter Create(IAnsiConsole console, TextWriter plainOutput, Func<string, string?> environment,
        bool outputRedirected, TimeProvider clock, Func<RunResult, string> closingTable) =>
        IsPlain(environment, outputRedirected)
            ? new PlainRunReporter(plainOutput, closingTable)
            : new LiveRunReporter(console, clock, closingTable);

    public static bool IsPlain(Func<string, string?> environment, bool outputRedirected) =>
        outputRedirected || !string.IsNullOrEmpty(environment("CI")) || !string.IsNullOrEmpty(environment("GITHUB_ACTIONS"));
}
