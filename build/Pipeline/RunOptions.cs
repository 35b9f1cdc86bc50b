using Cascade.Registry;
using Cascade.Docker;

namespace Cascade.Pipeline;

/// <summary>Everything a run needs besides the stack and the plan; Build.cs fills it from parameters.</summary>
public sealed record RunOptions
{
    /// <summary>Git branch of the run; gives the moving tag `&lt;prefix&gt;-&lt;branch&gt;`.</summary>
    public required string Branch { get; init; }

    /// <summary>Full commit id; gives the `sha-…` tag and the revision label. Null outside git.</summary>
    public string? Commit { get; init; }

    /// <summary>Repository URL for the org.opencontainers.image.source label.</summary>
    public string? SourceUrl { get; init; }

    /// <summary>Where build logs, test logs, JUnit files and the run state go.</summary>
    public required string ArtifactsDirectory { get; init; }

    public PipelineStage UpTo { get; init; } = PipelineStage.Push;

    /// <summary>Stages up to <see cref="UpTo"/> that this run leaves out (the targets --skip took out): with
    /// Build skipped, an image must already exist under this run's tag; with Test skipped, it goes untested.</summary>
    public IReadOnlySet<PipelineStage> Skipped { get; init; } = new HashSet<PipelineStage>();

    public bool Skips(PipelineStage stage) => Skipped.Contains(stage);

    /// <summary>Whether this run does <paramref name="stage"/> for each image it runs.</summary>
    public bool Runs(PipelineStage stage) => stage <= UpTo && !Skips(stage);

    /// <summary>The first stage this run does for each image.</summary>
    public PipelineStage FirstStage => Enum.GetValues<PipelineStage>().First(s => !Skips(s) || s == UpTo);

    public int Parallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Skip images that succeeded in the previous run with the same plan (--continue).</summary>
    public bool Continue { get; init; }

    /// <summary>Registry login for pushes; never printed.</summary>
    public RegistryCredentials? Credentials { get; init; }

    /// <summary>Per-image test timeout when the spec gives none.</summary>
    public TimeSpan DefaultTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Working directory of host-side integration tests; default: the folder holding the stack folder
    /// (datahub writes them as `pytest images/NAME/integration_tests`).</summary>
    public string? RepositoryRoot { get; init; }
}
