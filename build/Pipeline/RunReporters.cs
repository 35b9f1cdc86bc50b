using Spectre.Console;

namespace Cascade.Pipeline;

public static class RunReporters
{
    /// <summary>Plain lines on CI (CI or GITHUB_ACTIONS set) or when output is redirected; the live view on a terminal.
    /// The environment is read through <paramref name="environment"/> so callers and tests decide what it holds.</summary>
    public static IRunReporter Create(IAnsiConsole console, TextWriter plainOutput, Func<string, string?> environment,
        bool outputRedirected, TimeProvider clock) =>
        IsPlain(environment, outputRedirected) ? new PlainRunReporter(plainOutput) : new LiveRunReporter(console, clock);

    public static bool IsPlain(Func<string, string?> environment, bool outputRedirected) =>
        outputRedirected || !string.IsNullOrEmpty(environment("CI")) || !string.IsNullOrEmpty(environment("GITHUB_ACTIONS"));
}
