using Cascade.Registry;
using Cascade.Docker;

namespace Cascade.Pipeline;

/// <summary>Everything a run needs besides the stack and the plan; Build.cs fills it from parameters.</summary>
internal sealed record RunOptions
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

    /// <summary>The run for an image that completed the stages up to <paramref name="done"/> in a previous run
    /// (--continue): they are left out as --skip leaves them out, so the image, found by its fingerprint,
    /// goes on from the next stage.</summary>
    /// <param name="passedTests">The test fingerprint whose tests it passed then, when it got past Test.</param>
    public RunOptions After(PipelineStage done, string? passedTests = null) => this with
    {
        Skipped = Skipped.Union(Enum.GetValues<PipelineStage>().Where(s => s <= done)).ToHashSet(),
        PassedTests = done >= PipelineStage.Test ? passedTests : null,
    };

    /// <summary>--continue after an image's tests passed in the previous run: the test fingerprint they passed, so
    /// its push records that pass as a push right after the tests would.</summary>
    public string? PassedTests { get; init; }

    /// <summary>The first stage this run does for each image.</summary>
    public PipelineStage FirstStage => Enum.GetValues<PipelineStage>().First(s => !Skips(s) || s == UpTo);

    public int Parallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>--continue: each image does only the stages it had not completed in the previous run (an image
    /// that completed them all is not run again), as long as its content and its image are the same.</summary>
    public bool Continue { get; init; }

    /// <summary>Registry login for pushes; never printed.</summary>
    public RegistryCredentials? Credentials { get; init; }

    /// <summary>Per-image test timeout when the spec gives none.</summary>
    public TimeSpan DefaultTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Images whose tests run even when the registry records that their digest passed them: the image an
    /// image target names (its user asked for that image, tested).</summary>
    public IReadOnlySet<string> Retest { get; init; } = new HashSet<string>();

    /// <summary>`--no-reuse`: build every planned image even when an image with its fingerprint exists. Parents
    /// outside the plan are still reused. Its steps may still come from the local layer cache (see <see cref="Refresh"/>).</summary>
    public bool NoReuse { get; init; }

    /// <summary>`--fingerprint-tags-only`: every image gets its `fp-…` tag and no other (no branch tag, no `sha-` tag),
    /// and the run is recorded nowhere (no ledger entry, no page). A pull request's jobs push so: each later job finds
    /// its parents by fingerprint, and nothing a user pulls by name moves.</summary>
    public bool FingerprintTagsOnly { get; init; }

    /// <summary>`--refresh`: what a fresh runner does, on this machine: each image it builds pulls its external bases
    /// again (a moved upstream tag comes in) and takes no step from the layer cache (a RUN that installs packages
    /// gets today's). With <see cref="NoReuse"/>, that is every planned image: the weekly refresh.</summary>
    public bool Refresh { get; init; }

    /// <summary>The login for a registry host: an external base's, pulled again by <see cref="Refresh"/>.</summary>
    public Func<string, RegistryCredentials?> LoginFor { get; init; } = _ => null;

    /// <summary>The time images say they were created (org.opencontainers.image.created): the commit's time
    /// or SOURCE_DATE_EPOCH, never the clock, so rebuilding the same commit gives the same image id.
    /// Null outside git: the clock's time is used.</summary>
    public DateTimeOffset? SourceDate { get; init; }

    /// <summary>How long each image took in the previous run (artifacts/results.json): the weights of the
    /// critical path that decides which ready image starts first.</summary>
    public IReadOnlyDictionary<string, TimeSpan> PreviousDurations { get; init; } = new Dictionary<string, TimeSpan>();

    /// <summary>Which ready image starts first when more are ready than may run.</summary>
    public SchedulingOrder Scheduling { get; init; } = SchedulingOrder.CriticalPathFirst;

    /// <summary>Working directory of host-side integration tests; default: the folder holding the stack folder
    /// (datahub writes them as `pytest images/NAME/integration_tests`).</summary>
    public string? RepositoryRoot { get; init; }

    /// <summary>`--platform`: the run does only this platform of the images built for it (one runner per platform),
    /// pushing each under its per-platform tags and writing no index; the caller leaves the other images out.
    /// Null: every platform of every image, and the index.</summary>
    public Cascade.Stacks.Platform? Platform { get; init; }

    /// <summary>The digests the plan resolved for the stack's external base images (FROM quay.io/…), by reference
    /// (null where the registry did not answer): the base label of a root built FROM one of them.</summary>
    public IReadOnlyDictionary<string, string?> ExternalBaseDigests { get; init; } = new Dictionary<string, string?>();

    /// <summary>Where each image's layer cache is seeded from before it is built (--cache-from, ci.cache_from);
    /// null: it is not (a daemon with images of the stack has its own cache; --cache-from none).</summary>
    public LayerCacheOptions? LayerCache { get; init; }

    /// <summary>How pytest is started for an image's pytest modules (see <see cref="PytestCommand"/>).</summary>
    public string Pytest { get; init; } = PytestCommand.Default;

    /// <summary>Where host-side tests (pytest, integration_tests) run: <see cref="RepositoryRoot"/>, else the
    /// folder holding the stack folder, as DataHub runs `pytest images/...` from its repository's root.</summary>
    public string TestWorkingDirectory(Cascade.Stacks.StackSpec spec) =>
        RepositoryRoot ?? Path.GetDirectoryName(spec.Directory) ?? spec.Directory;
}

internal enum SchedulingOrder
{
    /// <summary>The image with the longest remaining path below it (weighted by previous durations).</summary>
    CriticalPathFirst,

    /// <summary>In the order images became ready: the baseline the benchmark compares against.</summary>
    FirstComeFirstServed,
}
