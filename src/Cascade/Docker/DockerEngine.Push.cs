using Cascade.Registry;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using Docker.DotNet;
using Docker.DotNet.Models;
using Polly;
using Polly.Retry;

namespace Cascade.Docker;

internal sealed partial class DockerEngine
{
    public async Task<string> PushAsync(string reference, RegistryCredentials? credentials, TextWriter log, CancellationToken ct)
    {
        var (repository, tag) = SplitTag(reference);
        var attempt = 0;
        var pipeline = new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions
        {
            MaxRetryAttempts = Math.Max(0, _options.PushAttempts - 1),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = false,
            Delay = _options.PushRetryDelay,
            ShouldHandle = new PredicateBuilder().Handle<DockerPushException>(e => e.IsTransient),
            OnRetry = args =>
            {
                log.WriteLine($"Push of {reference} failed ({args.Outcome.Exception?.Message}); retrying in {Stacks.Durations.Format(args.RetryDelay)}.");
                return ValueTask.CompletedTask;
            },
        }).Build();

        return await pipeline.ExecuteAsync(async token =>
        {
            attempt++;
            return await PushOnceAsync(reference, repository, tag, credentials, log, token);
        }, ct);
    }

    private async Task<string> PushOnceAsync(string reference, string repository, string tag,
        RegistryCredentials? credentials, TextWriter log, CancellationToken ct)
    {
        var progress = new PushProgress(log, credentials);
        var auth = credentials is null
            ? new AuthConfig()
            : new AuthConfig { ServerAddress = credentials.ServerAddress, Username = credentials.Username, Password = credentials.Password };
        try
        {
            await _client.Images.PushImageAsync(repository, new ImagePushParameters { Tag = tag }, auth, progress, ct);
        }
        catch (DockerApiException e)
        {
            var message = SecretRedactor.For(credentials).Redact(ApiMessage(e));
            if (e.StatusCode == HttpStatusCode.Unauthorized || LoginRefusal.Matches(message))
                throw new DockerPushException(reference, LoginRefusal.Explain(repository, message, credentials), transient: false);
            throw new DockerPushException(reference, message, IsTransientStatus(e.StatusCode));
        }
        catch (Exception e) when (e is HttpRequestException or IOException or SocketException or TimeoutException
                                  || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            // Never pass the original on as inner exception: it might echo a request that carried the auth header.
            throw new DockerPushException(reference, SecretRedactor.For(credentials).Redact(Innermost(e).Message), transient: true);
        }

        // A refused login is not transient, whatever words it uses: retrying only repeats the refusal.
        if (progress.Error is not null && LoginRefusal.Matches(progress.Error))
            throw new DockerPushException(reference, LoginRefusal.Explain(repository, progress.Error, credentials), transient: false);
        if (progress.Error is not null)
            throw new DockerPushException(reference, progress.Error, IsTransientMessage(progress.Error));
        return progress.Digest
               ?? throw new DockerPushException(reference, "the daemon reported no digest for the pushed image", transient: false);
    }

    private static bool IsTransientStatus(HttpStatusCode status) => (int)status >= 500 || status == HttpStatusCode.RequestTimeout || status == HttpStatusCode.TooManyRequests;

    // The daemon relays registry failures as text inside the stream; these are the ones worth retrying.
    internal static bool IsTransientMessage(string message) =>
        TransientMessage().IsMatch(message);

    [GeneratedRegex(@"connection refused|connection reset|broken pipe|i/o timeout|timed? ?out|TLS handshake timeout|unexpected EOF|no such host|temporary|\b50[0234]\b|Service Unavailable|Bad Gateway|Gateway Time-?out|Internal Server Error|too many requests|toomanyrequests",
        RegexOptions.IgnoreCase)]
    private static partial Regex TransientMessage();

    /// <summary>Receives push progress synchronously (Progress&lt;T&gt; would post to a sync context and
    /// lose ordering): logs status lines, keeps the first error and the digest.</summary>
    private sealed partial class PushProgress(TextWriter log, RegistryCredentials? credentials) : IProgress<JSONMessage>
    {
        public string? Error { get; private set; }
        public string? Digest { get; private set; }

        [GeneratedRegex(@"digest: (sha256:[0-9a-f]{64})")]
        private static partial Regex DigestLine();

        public void Report(JSONMessage value)
        {
            if (value.Error is { Message: { Length: > 0 } error })
            {
                Error ??= SecretRedactor.For(credentials).Redact(error);
                log.WriteLine("ERROR: " + Error);
            }
            if (!string.IsNullOrEmpty(value.Status))
            {
                // Per-layer progress bars are noise in a CI log; layer states ("Pushed", "Layer already exists") are kept.
                if (value.Progress is null || value.Progress.Total is null or 0)
                    log.WriteLine(value.ID is { Length: > 0 } id ? $"{id}: {value.Status}" : value.Status);
                var match = DigestLine().Match(value.Status);
                if (match.Success) Digest = match.Groups[1].Value;
            }
            if (value.Aux?.ExtensionData is { } aux && aux.TryGetValue("Digest", out var digest))
            {
                var text = digest is JsonElement { ValueKind: JsonValueKind.String } element ? element.GetString() : digest?.ToString();
                if (!string.IsNullOrEmpty(text)) Digest = text;
            }
        }
    }
}
