using Spectre.Console;

namespace Cascade;

/// <summary>Where the build's progress is drawn: stderr, like every other report, so that stdout carries
/// only what a target produces. On CI or when stderr is redirected the pipeline writes plain lines instead.</summary>
partial class CascadeBuild
{
    IAnsiConsole? progressConsole;

    IAnsiConsole ProgressConsole => progressConsole ??=
        AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
}
