using Cascade.Stacks;

namespace Cascade.Pipeline;

/// <summary>How a run goes, as the command line set it (see the parameters of the same names).</summary>
sealed record StackRunSettings(string RootDirectory, string ArtifactsFolder)
{
    public int Parallelism { get; init; } = Environment.ProcessorCount;
    public bool Continue { get; init; }
    public bool NoReuse { get; init; }
    public bool FingerprintTagsOnly { get; init; }
    public bool Refresh { get; init; }
    public IReadOnlyList<string> CacheFrom { get; init; } = [];
    public string Pytest { get; init; } = PytestCommand.Default;
    /// <summary>--platform, checked: only this platform's images.</summary>
    public Platform? Platform { get; init; }
}
