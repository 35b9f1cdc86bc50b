namespace Cascade.Stacks;

/// <summary>How the image jobs of the generated workflow are laid out.</summary>
internal enum WorkflowLayout
{
    /// <summary>One job per image while the file stays within GitHub's limits, else matrices.</summary>
    Auto,
    /// <summary>One job per image, `needs` = its parents' jobs: the exact critical path.</summary>
    Jobs,
    /// <summary>One matrix job per depth of the graph (split at GitHub's 256 jobs per matrix).</summary>
    Matrix,
}

/// <summary>
/// spec.yml's `ci:` section: the settings of the workflows ./build.sh GenerateWorkflows writes. The one place a
/// user changes runners, registry or layout; the YAML is regenerated from it, never edited by hand.
/// </summary>
internal sealed record CiSettings
{
    public const string DefaultRegistry = "ghcr.io";

    public IReadOnlyList<string> Runner { get; init; } = ["ubuntu-latest"];
    public IReadOnlyList<string> GpuRunner { get; init; } = ["self-hosted", "gpu"];

    /// <summary>`ci.registry` as written; null means the spec's registry, else ghcr.io.</summary>
    public string? Registry { get; init; }
    public WorkflowLayout Layout { get; init; } = WorkflowLayout.Auto;
    public string DefaultBranch { get; init; } = "main";
    /// <summary>`ci.cache_from`: the tags each image's layer cache is seeded from, in order.</summary>
    public IReadOnlyList<string> CacheFrom { get; init; } = ImageTags.DefaultCacheTags;

    /// <summary>Cron of the scheduled run with reuse on: every image is planned, and only those whose fingerprint
    /// is new — an external base moved, and what lies below it — are built. Daily but on the refresh's day.</summary>
    public string Schedule { get; init; } = "0 3 * * 0,2-6";

    /// <summary>Cron of the full refresh (every image built again, external bases pulled again), which brings in
    /// upstream package updates that no fingerprint sees. The run tells the two schedules apart by this text.</summary>
    public string RefreshSchedule { get; init; } = "0 3 * * 1";

    /// <summary>Remove the hosted runner's preinstalled toolchains before building (big images need the room).</summary>
    public bool FreeDiskSpace { get; init; }
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(60);

    /// <summary>`ci.sign`: keyless cosign signing of each digest a run pushed, in a job of its own (the one job with id-token: write).</summary>
    public bool Sign { get; init; }

    /// <summary>`ci.sbom`: an SPDX JSON SBOM of each pushed image, attested to its digest in that job.</summary>
    public bool Sbom { get; init; }

    /// <summary>GitHub's hosted arm64 runner: the default of linux/arm64.</summary>
    public const string Arm64Runner = "ubuntu-24.04-arm";

    /// <summary>`ci.platform_runners` as written; <see cref="RunnerFor"/> adds the defaults.</summary>
    public IReadOnlyDictionary<Platform, IReadOnlyList<string>> PlatformRunners { get; init; } =
        new Dictionary<Platform, IReadOnlyList<string>>();

    /// <summary>The runner labels of one platform's jobs: ci.platform_runners, else linux/amd64 on
    /// <see cref="Runner"/> and linux/arm64 on <see cref="Arm64Runner"/>; null for any other platform (a spec error).</summary>
    public IReadOnlyList<string>? RunnerFor(Platform platform) =>
        PlatformRunners.TryGetValue(platform, out var labels) ? labels
        : platform == Platform.LinuxAmd64 ? Runner
        : platform == Platform.LinuxArm64 ? [Arm64Runner]
        : null;
}
