using Docker.DotNet;
using Docker.DotNet.Models;
using Platform = Cascade.Stacks.Platform;

namespace Cascade.Docker;

/// <summary>
/// The real <see cref="IDockerEngine"/> on Docker.DotNet.Enhanced. Works with the classic builder
/// (API 1.41, no BuildKit session), which is what a bare dockerd offers over its API.
/// Split by concern: DockerEngine.Build.cs, DockerEngine.Run.cs, DockerEngine.Push.cs.
/// </summary>
internal sealed partial class DockerEngine : IDockerEngine, IDisposable
{
    /// <summary>Every container Cascade creates carries this label, so strays can be found and removed.</summary>
    public const string OwnedLabel = "cascade.owned";

    public const string DefaultHost = "unix:///var/run/docker.sock";

    private static readonly TimeSpan PingTimeout = TimeSpan.FromSeconds(5);

    private readonly DockerClient _client;
    private readonly TimeProvider _clock;
    private readonly DockerEngineOptions _options;

    public DockerEngine(DockerClient client, TimeProvider? clock = null, DockerEngineOptions? options = null)
    {
        _client = client;
        _clock = clock ?? TimeProvider.System;
        _options = options ?? new DockerEngineOptions();
    }

    /// <summary>The endpoint this engine talks to.</summary>
    public Uri Endpoint => _client.Options.Endpoint;

    /// <summary>Connects to <paramref name="host"/> (the caller passes DOCKER_HOST; null means the local
    /// socket) and pings it, failing within about five seconds with <see cref="DockerUnavailableException"/>.</summary>
    public static async Task<DockerEngine> ConnectAsync(string? host, CancellationToken ct,
        TimeProvider? clock = null, DockerEngineOptions? options = null)
    {
        var endpoint = string.IsNullOrWhiteSpace(host) ? DefaultHost : host.Trim();
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri))
            throw new DockerUnavailableException(endpoint, "this is not a valid address (expected unix:///path or tcp://host:port)");

        DockerClient client;
        try
        {
            // Builds and pushes stream for as long as they take; the ping below has its own deadline.
            client = new DockerClientBuilder().WithEndpoint(uri).WithTimeout(Timeout.InfiniteTimeSpan).Build();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new DockerUnavailableException(endpoint, e.Message, e);
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(PingTimeout);
        try
        {
            await client.System.PingAsync(deadline.Token).WaitAsync(PingTimeout, ct);
            return new DockerEngine(client, clock, options);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            client.Dispose();
            var reason = e is TimeoutException or OperationCanceledException
                ? $"no answer within {Stacks.Durations.Format(PingTimeout)}"
                : Innermost(e).Message.TrimEnd('.');
            throw new DockerUnavailableException(endpoint, reason, e);
        }
    }

    public async Task<string?> FindImageAsync(string reference, CancellationToken ct)
    {
        try
        {
            var image = await _client.Images.InspectImageAsync(reference, ct);
            return image.ID;
        }
        catch (DockerImageNotFoundException)
        {
            return null;
        }
        catch (DockerApiException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<Platform?> ImagePlatformAsync(string reference, CancellationToken ct)
    {
        try
        {
            var image = await _client.Images.InspectImageAsync(reference, ct);
            var written = string.IsNullOrEmpty(image.Variant) ? $"{image.Os}/{image.Architecture}" : $"{image.Os}/{image.Architecture}/{image.Variant}";
            return Platform.TryParse(written, out var problem)
                   ?? throw new InvalidOperationException($"{reference} records a platform Cascade does not know: {problem}");
        }
        catch (Exception e) when (e is DockerImageNotFoundException or DockerApiException { StatusCode: System.Net.HttpStatusCode.NotFound })
        {
            return null;
        }
    }

    /// <summary>Asked once per engine: the daemon's platform does not change while it runs.</summary>
    public Task<Platform> DaemonPlatformAsync(CancellationToken ct) =>
        _daemonPlatform ??= QueryDaemonPlatformAsync(ct);

    private Task<Platform>? _daemonPlatform;

    private async Task<Platform> QueryDaemonPlatformAsync(CancellationToken ct)
    {
        var version = await _client.System.GetVersionAsync(ct);
        return Platform.TryParse($"{version.Os}/{version.Arch}", out var problem)
               ?? throw new InvalidOperationException($"The Docker daemon reports a platform Cascade does not know: {problem}");
    }

    public async Task TagAsync(string source, string target, CancellationToken ct)
    {
        var (repository, tag) = SplitTag(target);
        await _client.Images.TagImageAsync(source, new ImageTagParameters { RepositoryName = repository, Tag = tag }, ct);
    }

    public async Task RemoveImageAsync(string reference, CancellationToken ct)
    {
        try
        {
            // force=false: an image a container still uses stays; NoPrune=false removes dangling parents.
            await _client.Images.DeleteImageAsync(reference, new ImageDeleteParameters { Force = false, NoPrune = false }, ct);
        }
        catch (DockerImageNotFoundException)
        {
        }
        catch (DockerApiException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
        }
    }

    public void Dispose() => _client.Dispose();

    /// <summary>Splits "host:5000/a/b:tag" into ("host:5000/a/b", "tag"); the tag defaults to latest.
    /// A colon before the last slash is a port, not a tag.</summary>
    internal static (string Repository, string Tag) SplitTag(string reference)
    {
        var parts = Stacks.ReferenceParts.Split(reference);
        return (parts.Name, parts.Tag ?? "latest");
    }

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null) e = e.InnerException;
        return e;
    }
}

/// <summary>Knobs with sensible defaults; tests shorten the retry delay.</summary>
internal sealed record DockerEngineOptions
{
    /// <summary>Total push attempts (first try included) for transient failures.</summary>
    public int PushAttempts { get; init; } = 3;

    /// <summary>Delay before the first retry; doubles each time (exponential backoff).</summary>
    public TimeSpan PushRetryDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Container output kept per test run; the rest is cut with a note.</summary>
    public int MaxTestOutputBytes { get; init; } = 1 << 20;
}
