namespace Cascade.Engine.Internal;

/// <summary>What the engine needs from the world around it; tests give their own.</summary>
/// <param name="Output">stdout: what a target produces for a pipe (a graph, a plan) and the help text.</param>
/// <param name="Log">stderr: headers, warnings, errors, the summary and whatever a build reports while it works.</param>
/// <param name="Colour">Whether <paramref name="Log"/> is a terminal that shows colour.</param>
internal sealed record EngineHost(
    TextWriter Output,
    TextWriter Log,
    string WorkingDirectory,
    IReadOnlyDictionary<string, string> Environment,
    TimeProvider Clock,
    bool Colour);
