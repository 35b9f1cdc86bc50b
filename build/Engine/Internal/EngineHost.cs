namespace Cascade.Engine.Internal;

/// <summary>What the engine needs from the world around it; tests give their own.</summary>
internal sealed record EngineHost(
    TextWriter Output,
    string WorkingDirectory,
    IReadOnlyDictionary<string, string> Environment,
    TimeProvider Clock,
    bool Colour);
