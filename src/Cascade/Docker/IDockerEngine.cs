using Cascade.Registry;
using Cascade.Stacks;

namespace Cascade.Docker;

/// <summary>
/// What the pipeline asks of a Docker engine. The real one is <c>DockerEngine</c> (Docker.DotNet.Enhanced);
/// tests of the scheduler may substitute a fake, tests of the adapter use the real daemon.
/// </summary>
internal interface IDockerEngine
{
    /// <summary>Builds an image from a context folder, streaming the context as a tar that honours
    /// .dockerignore. Errors in the message stream make the outcome failed (never an exception).
    /// Every line of the build output goes to <paramref name="log"/>.</summary>
    Task<BuildOutcome> BuildAsync(ImageBuildRequest request, TextWriter log, CancellationToken ct);

    /// <summary>The image id of a local image, or null when the daemon does not have it.</summary>
    Task<string?> FindImageAsync(string reference, CancellationToken ct);

    /// <summary>Runs one test file inside a fresh container of <paramref name="image"/>: the file is
    /// copied in through the archive API, executed, its output captured; the container is removed
    /// whatever happens (pass, fail, timeout, cancellation). With a <paramref name="platform"/> the container
    /// is of that platform (emulated where the host's differs), and an image of another platform is refused.</summary>
    Task<ContainerTestOutcome> RunTestFileAsync(string image, Platform? platform, string hostFile, TimeSpan timeout, CancellationToken ct);

    /// <summary>Size, platform, labels and history of a local image (what its page shows); null when the daemon does not have it.</summary>
    Task<ImageDetails?> InspectAsync(string reference, CancellationToken ct);

    /// <summary>Runs `/bin/sh -c COMMAND` in a fresh container of <paramref name="image"/> (removed afterwards)
    /// and returns what it printed: how info_cmds document an image.</summary>
    Task<ContainerTestOutcome> RunShellCommandAsync(string image, string command, TimeSpan timeout, CancellationToken ct);

    /// <summary>The platform a local image's config records, or null when the daemon does not have it.</summary>
    Task<Platform?> ImagePlatformAsync(string reference, CancellationToken ct);

    /// <summary>The daemon's own platform (what it builds and runs when no platform is asked for).</summary>
    Task<Platform> DaemonPlatformAsync(CancellationToken ct);

    /// <summary>Removes the containers of exactly this image created since <paramref name="since"/>: those host-side
    /// tests started and left behind (an interrupted pytest, a test that forgot). Returns their names.</summary>
    Task<IReadOnlyList<string>> RemoveContainersLeftAsync(string reference, DateTimeOffset since, CancellationToken ct);

    /// <summary>`docker pull REFERENCE` (a tag or `repository@sha256:…`; of <paramref name="platform"/>, null: the daemon's own); throws an
    /// <see cref="InvalidOperationException"/> naming the reference when the registry or the daemon refuses.</summary>
    Task PullAsync(string reference, Platform? platform, RegistryCredentials? credentials, CancellationToken ct);

    /// <summary>Pushes a local tag; errors in the push stream fail it. Returns the pushed digest.</summary>
    Task<string> PushAsync(string reference, RegistryCredentials? credentials, TextWriter log, CancellationToken ct);

    Task TagAsync(string source, string target, CancellationToken ct);

    /// <summary>Removes a local image (tag) and prunes the dangling layers it leaves.</summary>
    Task RemoveImageAsync(string reference, CancellationToken ct);

    /// <summary>Whether the daemon holds any image (by tag or by digest) of these repositories: a daemon that holds
    /// none of a stack's images has no build cache for it either (a fresh CI runner).</summary>
    Task<bool> HoldsAnyImageOfAsync(IReadOnlyCollection<string> repositories, CancellationToken ct);
}

/// <param name="BuildArgs">Sent as written (the spec's build_args).</param>
/// <param name="Platform">The platform to build for; null: the daemon's own.</param>
internal sealed record ImageBuildRequest(
    string ContextDirectory,
    string Dockerfile,
    IReadOnlyList<string> Tags,
    IReadOnlyDictionary<string, string> BuildArgs,
    IReadOnlyDictionary<string, string> Labels,
    Platform? Platform = null)
{
    /// <summary>The spec's `timeout`: the build is stopped at this limit, what it left removed, and the
    /// outcome failed ("build timed out after 5s"). Null: no limit.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Build args Cascade adds (the parents' references): sent only when the Dockerfile declares them,
    /// and then winning over <see cref="BuildArgs"/> of the same name.</summary>
    public IReadOnlyDictionary<string, string> InjectedArgs { get; init; } = new Dictionary<string, string>();

    /// <summary>Local images whose steps the build may take as its cache (the Engine API's `cachefrom`, as
    /// `docker build --cache-from`): previous builds pulled from the registry onto a daemon that has no cache.
    /// The classic builder then takes a cached step only from these images' chains.</summary>
    public IReadOnlyList<string> CacheFrom { get; init; } = [];

    /// <summary>Take no step from the layer cache: every RUN runs again (--refresh).</summary>
    public bool NoCache { get; init; }
}

internal sealed record BuildStep(string Instruction, TimeSpan Duration);

internal sealed record BuildOutcome(bool Succeeded, string? ImageId, string? Error, IReadOnlyList<BuildStep> Steps)
{
    /// <summary>How many steps the builder took from the cache (" ---> Using cache") instead of running them.</summary>
    public int CachedSteps { get; init; }
}

internal sealed record ContainerTestOutcome(int? ExitCode, bool TimedOut, string Output, TimeSpan Duration)
{
    /// <summary>Set when the engine refused to create or start the container (the message it gave).</summary>
    public string? EngineError { get; init; }

    public bool Passed => !TimedOut && ExitCode == 0;
}
