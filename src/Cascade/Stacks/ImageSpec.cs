namespace Cascade.Stacks;

/// <summary>One image of the stack, as spec.yml describes it, with defaults resolved.</summary>
internal sealed record ImageSpec
{
    /// <summary>The key under `images:`; also the target name and the folder name by default.</summary>
    public required string Name { get; init; }

    /// <summary>Full repository without tag, e.g. ghcr.io/ucsd-ets/datascience-notebook.
    /// `image_name` where given, else [registry/][owner/]name.</summary>
    public required string Repository { get; init; }

    /// <summary>Parents: the first is the FROM parent; the others are extra parents (e.g. COPY --from).</summary>
    public IReadOnlyList<string> DependOn { get; init; } = [];

    public IReadOnlyDictionary<string, string> BuildArgs { get; init; } = new Dictionary<string, string>();

    /// <summary>Keys into StackSpec.AllInfoCmds.</summary>
    public IReadOnlyList<string> InfoCmds { get; init; } = [];

    /// <summary>`tags:`: tags filled from commands run in the pushed image (python-{PY_VER}), given when the default
    /// branch is pushed.</summary>
    public IReadOnlyList<ContentTagTemplate> ContentTags { get; init; } = [];

    /// <summary>Host-side test commands, run with TEST_IMAGE set. datahub's `integration_tests: true`
    /// becomes `pytest images/NAME/integration_tests`.</summary>
    public IReadOnlyList<string> IntegrationTests { get; init; } = [];

    public bool Prune { get; init; }
    public bool Prepull { get; init; } = true;

    /// <summary>Build context, relative to the stack folder (default: the image's name).</summary>
    public required string Context { get; init; }

    /// <summary>Dockerfile path, relative to the context (default: Dockerfile).</summary>
    public string Dockerfile { get; init; } = "Dockerfile";

    /// <summary>Globs of repository paths outside the context that also affect this image.</summary>
    public IReadOnlyList<string> Watch { get; init; } = [];

    /// <summary>Extra in-container test paths, relative to the stack folder, besides test/ and tests_common/.</summary>
    public IReadOnlyList<string> Tests { get; init; } = [];

    /// <summary>In-container tests that need a GPU, relative to the stack folder: run by `TestGpu --from-tag TAG`
    /// on the pushed image, with every GPU requested from the engine.</summary>
    public IReadOnlyList<string> GpuTests { get; init; } = [];

    /// <summary>Whether this image's test/ folder applies to its descendants too.</summary>
    public bool InheritTests { get; init; } = true;

    public TimeSpan? Timeout { get; init; }

    /// <summary>FROM references outside the stack, as the Dockerfile resolves them with build_args (e.g.
    /// quay.io/jupyter/datascience-notebook:python-3.11.8); a fingerprint enters them by digest.</summary>
    public IReadOnlyList<string> ExternalBases { get; init; } = [];
    /// <summary>The platforms to build, test and push, normalised and distinct: the image's own `platforms:`,
    /// else the stack's default. Empty: the Docker daemon's own platform, one build as before.</summary>
    public IReadOnlyList<Platform> Platforms { get; init; } = [];

    /// <summary>Where the entry starts in spec.yml, for messages.</summary>
    public SourceLocation? Location { get; init; }
}
