using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Cascade.Registry;

/// <summary>
/// A small OCI distribution API client: does a manifest exist (and its digest), list tags, copy a tag
/// (promotion: GET a manifest, PUT the same bytes under another tag, no layer moves). Handles anonymous,
/// Basic and Bearer-token registries; plain http for loopback registries, https elsewhere.
/// </summary>
internal sealed partial class RegistryClient
{
    /// <summary>Every manifest kind we accept, so the registry never down-converts (which changes the digest).</summary>
    public static readonly IReadOnlyList<string> ManifestMediaTypes =
    [
        "application/vnd.oci.image.index.v1+json",
        "application/vnd.oci.image.manifest.v1+json",
        "application/vnd.docker.distribution.manifest.list.v2+json",
        "application/vnd.docker.distribution.manifest.v2+json",
    ];

    private readonly HttpClient _http;
    private readonly Func<string, RegistryCredentials?> _credentialsFor;
    private readonly ConcurrentDictionary<string, string> _tokens = new();
    private readonly TimeSpan _retryDelay;

    /// <param name="http">Shared client; its handler should not follow redirects across hosts with auth (the default does not forward Authorization).</param>
    /// <param name="credentialsFor">Credentials for a registry host, or null for anonymous (e.g. <see cref="CredentialStore.Find"/>).</param>
    /// <param name="retryDelay">First retry delay for transient failures (doubles; 3 tries in all).</param>
    public RegistryClient(HttpClient http, Func<string, RegistryCredentials?> credentialsFor, TimeSpan? retryDelay = null)
    {
        _http = http;
        _credentialsFor = credentialsFor;
        _retryDelay = retryDelay ?? TimeSpan.FromSeconds(1);
    }

    /// <summary>The manifest digest when <paramref name="reference"/> exists in its registry, else null.</summary>
    public async Task<string?> ManifestExistsAsync(ImageReference reference, CancellationToken ct)
    {
        using var response = await SendAsync(reference, "pull",
            () => ManifestRequest(HttpMethod.Head, reference, reference.ManifestReference), ct, allowNotFound: true);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        if (response.Headers.TryGetValues("Docker-Content-Digest", out var values) && values.FirstOrDefault() is { Length: > 0 } digest)
            return digest;
        // Some registries omit the header on HEAD: fetch the body and hash it.
        var (bytes, _) = await GetManifestAsync(reference, reference.ManifestReference, ct);
        return Sha256Digest(bytes);
    }

    public Task<string?> ManifestExistsAsync(string reference, CancellationToken ct) =>
        ManifestExistsAsync(ImageReference.Parse(reference), ct);

    /// <summary>Proves the login for pushing to <paramref name="repository"/> works, without pushing: a
    /// `/v2/` round trip answered with the credentials (Basic), or a push token fetched for the repository
    /// (Bearer). Throws <see cref="RegistryException"/> when the registry refuses, asks for a login none
    /// was given for, or cannot be reached; an open registry passes at once.</summary>
    public async Task CheckLoginAsync(ImageReference repository, CancellationToken ct)
    {
        try
        {
            using var response = await SendAsync(repository, "pull,push",
                () => new HttpRequestMessage(HttpMethod.Get, Url(repository, "/v2/")), ct);
        }
        catch (HttpRequestException e)
        {
            throw new RegistryException($"{repository.Registry} cannot be reached: {e.Message}");
        }
    }

    /// <summary>All tags of the repository (tag and digest of <paramref name="repository"/> ignored); empty when it does not exist.</summary>
    public async Task<IReadOnlyList<string>> ListTagsAsync(ImageReference repository, CancellationToken ct)
    {
        var tags = new List<string>();
        var next = $"/v2/{repository.Repository}/tags/list?n=1000";
        while (next is not null)
        {
            var path = next;
            using var response = await SendAsync(repository, "pull", () => new HttpRequestMessage(HttpMethod.Get, Url(repository, path)), ct, allowNotFound: true);
            if (response.StatusCode == HttpStatusCode.NotFound) return tags;
            await using var body = await response.Content.ReadAsStreamAsync(ct);
            using var doc = await JsonDocument.ParseAsync(body, cancellationToken: ct);
            if (doc.RootElement.TryGetProperty("tags", out var list) && list.ValueKind == JsonValueKind.Array)
                tags.AddRange(list.EnumerateArray().Select(t => t.GetString()!).Where(t => t is not null));
            next = NextLink(response);
        }
        return tags;
    }

    public Task<IReadOnlyList<string>> ListTagsAsync(string repository, CancellationToken ct) =>
        ListTagsAsync(ImageReference.Parse(repository), ct);

    /// <summary>Points <paramref name="toTag"/> at the manifest <paramref name="fromTag"/> names, byte for byte
    /// (same digest). Returns the digest.</summary>
    public async Task<string> CopyTagAsync(ImageReference repository, string fromTag, string toTag, CancellationToken ct)
    {
        var (bytes, mediaType) = await GetManifestAsync(repository, fromTag, ct);
        return await PutManifestAsync(repository, toTag, bytes, mediaType, ct);
    }

    /// <summary>Stores a manifest (or index) under a tag; returns its digest.</summary>
    private async Task<string> PutManifestAsync(ImageReference repository, string tag, byte[] bytes, string mediaType, CancellationToken ct)
    {
        using var response = await SendAsync(repository, "pull,push", () =>
        {
            var put = new HttpRequestMessage(HttpMethod.Put, Url(repository, $"/v2/{repository.Repository}/manifests/{tag}"))
            {
                Content = new ByteArrayContent(bytes),
            };
            put.Content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
            return put;
        }, ct);
        return response.Headers.TryGetValues("Docker-Content-Digest", out var values) && values.FirstOrDefault() is { Length: > 0 } digest
            ? digest
            : Sha256Digest(bytes);
    }

    public Task<string> CopyTagAsync(string repository, string fromTag, string toTag, CancellationToken ct) =>
        CopyTagAsync(ImageReference.Parse(repository), fromTag, toTag, ct);

    private async Task<(byte[] Bytes, string MediaType)> GetManifestAsync(ImageReference repository, string tagOrDigest, CancellationToken ct)
    {
        using var response = await SendAsync(repository, "pull", () => ManifestRequest(HttpMethod.Get, repository, tagOrDigest), ct, allowNotFound: true);
        if (response.StatusCode == HttpStatusCode.NotFound)
            throw new RegistryException($"{repository.Name}:{tagOrDigest} does not exist in the registry.", HttpStatusCode.NotFound);
        var bytes = await response.Content.ReadAsByteArrayAsync(ct);
        var mediaType = response.Content.Headers.ContentType?.MediaType ?? MediaTypeFromBody(bytes)
            ?? throw new RegistryException($"{repository.Name}:{tagOrDigest}: the registry did not say what kind of manifest it is.");
        return (bytes, mediaType);
    }

    /// <summary>The manifest <paramref name="reference"/> names (tag or digest), exactly as stored, or null when absent.</summary>
    public async Task<RegistryManifest?> GetManifestAsync(ImageReference reference, CancellationToken ct)
    {
        try
        {
            var (bytes, mediaType) = await GetManifestAsync(reference, reference.ManifestReference, ct);
            return new RegistryManifest(bytes, mediaType, Sha256Digest(bytes));
        }
        catch (RegistryException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Stores <paramref name="manifest"/>'s bytes under <paramref name="tag"/> (only a manifest moves,
    /// never a layer: the registry already holds every blob it names). Returns the digest.</summary>
    public Task<string> PutManifestAsync(ImageReference repository, string tag, RegistryManifest manifest, CancellationToken ct) =>
        PutManifestAsync(repository, tag, manifest.Bytes, manifest.MediaType, ct);

    /// <summary>DELETE /v2/NAME/manifests/REFERENCE (a digest, or a tag where the registry allows deleting tags).
    /// Returns false when the registry refuses it as unsupported (400, 405) rather than failing.</summary>
    public async Task<bool> TryDeleteManifestAsync(ImageReference repository, string tagOrDigest, CancellationToken ct)
    {
        try
        {
            using var response = await SendAsync(repository, "delete",
                () => new HttpRequestMessage(HttpMethod.Delete, Url(repository, $"/v2/{repository.Repository}/manifests/{tagOrDigest}")), ct, allowNotFound: true);
            return response.StatusCode != HttpStatusCode.NotFound;
        }
        catch (RegistryException e) when (e.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.MethodNotAllowed)
        {
            return false;
        }
    }

    private HttpRequestMessage ManifestRequest(HttpMethod method, ImageReference repository, string tagOrDigest)
    {
        var request = new HttpRequestMessage(method, Url(repository, $"/v2/{repository.Repository}/manifests/{tagOrDigest}"));
        foreach (var type in ManifestMediaTypes) request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(type));
        return request;
    }

    /// <summary>Sends with the cached token; on 401 answers the challenge (Basic or Bearer) once and resends.</summary>
    private async Task<HttpResponseMessage> SendAsync(ImageReference repository, string actions,
        Func<HttpRequestMessage> makeRequest, CancellationToken ct, bool allowNotFound = false)
    {
        return await WithRetriesAsync(async token =>
        {
            var cacheKey = $"{repository.ApiHost}|{repository.Repository}|{actions}";
            var request = makeRequest();
            if (_tokens.TryGetValue(cacheKey, out var cached)) request.Headers.Authorization = AuthenticationHeaderValue.Parse(cached);
            var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token);

            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                var challenge = AuthChallenge.From(response.Headers.WwwAuthenticate);
                response.Dispose();
                var authorization = await AnswerChallengeAsync(repository, actions, challenge, token);
                request = makeRequest();
                request.Headers.Authorization = AuthenticationHeaderValue.Parse(authorization);
                response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token);
                if (response.StatusCode == HttpStatusCode.Unauthorized)
                {
                    // Still 401 with our own answer: the login itself was refused. Keep nothing cached
                    // (a later call must not resend it) and say so plainly; HEAD answers carry no body.
                    _tokens.TryRemove(cacheKey, out _);
                    response.Dispose();
                    throw LoginRefused(repository, challenge);
                }
                _tokens[cacheKey] = authorization;
            }

            if (response.IsSuccessStatusCode || (allowNotFound && response.StatusCode == HttpStatusCode.NotFound))
                return response;
            var message = await ErrorMessageAsync(response, token);
            response.Dispose();
            throw new RegistryException($"{repository.Name}: the registry answered {(int)response.StatusCode} {response.ReasonPhrase}: {message}", response.StatusCode);
        }, ct);
    }

    private const int Attempts = 3;

    /// <summary>Connection errors, 5xx and 429 are tried again: 3 tries in all, the delay doubling. Written by hand,
    /// not with Polly as the engine's push retries are: Polly validates its options by reflection when a pipeline
    /// is built (~20 ms), a tenth of a whole promotion, and every run builds this client.</summary>
    private async Task<T> WithRetriesAsync<T>(Func<CancellationToken, Task<T>> attempt, CancellationToken ct)
    {
        var delay = _retryDelay;
        for (var tries = 1; ; tries++)
        {
            try { return await attempt(ct); }
            catch (Exception e) when (tries < Attempts && IsTransient(e)) { }
            await Task.Delay(delay, ct);
            delay *= 2;
        }
    }

    private static bool IsTransient(Exception e) => e is HttpRequestException
        || e is RegistryException { StatusCode: { } s } && ((int)s >= 500 || s == HttpStatusCode.TooManyRequests);

    private RegistryException LoginRefused(ImageReference repository, AuthChallenge? challenge)
    {
        var credentials = _credentialsFor(repository.Registry);
        return new RegistryException(
            $"{repository.Name}: " + LoginAdvice.Refused(repository.Registry, credentials, $"{challenge?.Scheme ?? "Basic"} auth"),
            HttpStatusCode.Unauthorized);
    }

    private async Task<string> AnswerChallengeAsync(ImageReference repository, string actions, AuthChallenge? challenge, CancellationToken ct)
    {
        var credentials = _credentialsFor(repository.Registry);
        if (challenge is null || challenge.IsBasic)
        {
            if (credentials is null)
                throw new RegistryException($"{repository.Registry} asks for a login. {LoginAdvice.HowToLogIn(repository.Registry)}", HttpStatusCode.Unauthorized);
            return "Basic " + BasicValue(credentials);
        }
        if (!challenge.IsBearer || challenge.Realm is null)
            throw new RegistryException($"{repository.Registry} asks for an unsupported authentication scheme '{challenge.Scheme}'.", HttpStatusCode.Unauthorized);

        var scope = $"repository:{repository.Repository}:{actions}";
        var query = new StringBuilder("?");
        if (challenge.Service is not null) query.Append("service=").Append(Uri.EscapeDataString(challenge.Service)).Append('&');
        query.Append("scope=").Append(Uri.EscapeDataString(scope));
        using var tokenRequest = new HttpRequestMessage(HttpMethod.Get, challenge.Realm + query);
        if (credentials is not null)
            tokenRequest.Headers.Authorization = new AuthenticationHeaderValue("Basic", BasicValue(credentials));
        using var response = await _http.SendAsync(tokenRequest, ct);
        if (!response.IsSuccessStatusCode)
            throw new RegistryException(
                $"{repository.Registry}: the token service refused {(credentials is null ? "anonymous " : $"user {credentials.Username}'s ")}access to {scope} ({(int)response.StatusCode} {response.ReasonPhrase}). Check the credentials and the repository name.",
                response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        var token = (doc.RootElement.TryGetProperty("token", out var t) ? t.GetString() : null)
                    ?? (doc.RootElement.TryGetProperty("access_token", out var a) ? a.GetString() : null)
                    ?? throw new RegistryException($"{repository.Registry}: the token service answered without a token.");
        return "Bearer " + token;
    }

    private static string BasicValue(RegistryCredentials credentials) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credentials.Username}:{credentials.Password}"));

    private static Uri Url(ImageReference repository, string pathAndQuery) =>
        new($"{(repository.IsLoopback ? "http" : "https")}://{repository.ApiHost}{pathAndQuery}");

    // Link: </v2/name/tags/list?n=1000&last=x>; rel="next"
    private static string? NextLink(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Link", out var links)) return null;
        foreach (var link in links)
        {
            if (!link.Contains("rel=\"next\"", StringComparison.OrdinalIgnoreCase)) continue;
            var start = link.IndexOf('<');
            var end = link.IndexOf('>', start + 1);
            if (start < 0 || end < 0) continue;
            var target = link[(start + 1)..end];
            return Uri.TryCreate(target, UriKind.Absolute, out var absolute) ? absolute.PathAndQuery : target;
        }
        return null;
    }

    private static async Task<string> ErrorMessageAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var body = response.Content is null ? "" : await response.Content.ReadAsStringAsync(ct);
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
                return string.Join("; ", errors.EnumerateArray().Select(e =>
                    $"{(e.TryGetProperty("code", out var c) ? c.GetString() : "ERROR")}: {(e.TryGetProperty("message", out var m) ? m.GetString() : "")}"));
        }
        catch (JsonException)
        {
        }
        return body.Length > 300 ? body[..300] + "…" : body;
    }

    private static string? MediaTypeFromBody(byte[] bytes)
    {
        try
        {
            using var doc = JsonDocument.Parse(bytes);
            return doc.RootElement.TryGetProperty("mediaType", out var m) ? m.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    internal static string Sha256Digest(byte[] bytes) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes));
}
