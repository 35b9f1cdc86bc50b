using Cascade.Stacks;

namespace Cascade.Registry;

/// <summary>
/// Asks the registries of the stack's external base images (FROM quay.io/…:tag) for their digests, all at
/// once and within a few seconds: a base that moved upstream changes its children's fingerprints. A registry
/// that does not answer leaves the reference text in the fingerprint, and the plan says so.
/// </summary>
internal static class ExternalBaseDigests
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(5);

    public static IReadOnlyDictionary<string, BaseDigest> Resolve(IEnumerable<string> references, Func<string, RegistryCredentials?> credentialsFor)
    {
        var distinct = references.Distinct(StringComparer.Ordinal).ToList();
        if (distinct.Count == 0) return new Dictionary<string, BaseDigest>();
        using var access = new RegistryAccess(credentialsFor);
        using var deadline = new CancellationTokenSource(Deadline);
        var client = access.Client(retryDelay: TimeSpan.Zero);
        var lookups = distinct.Select(r => LookUp(client, r, deadline.Token)).ToArray();
        return Task.WhenAll(lookups).GetAwaiter().GetResult().ToDictionary(b => b.Reference, StringComparer.Ordinal);
    }

    private static async Task<BaseDigest> LookUp(RegistryClient client, string reference, CancellationToken ct)
    {
        try
        {
            var parsed = ImageReference.Parse(reference);
            if (parsed.Digest is { } pinned) return new BaseDigest(reference, pinned);
            return await client.ManifestExistsAsync(parsed, ct) is { } digest
                ? new BaseDigest(reference, digest)
                : new BaseDigest(reference, null, "its registry does not have it");
        }
        catch (Exception e) when (e is RegistryException or HttpRequestException or OperationCanceledException or ArgumentException or FormatException)
        {
            var why = e is OperationCanceledException ? $"its registry did not answer within {Durations.Format(Deadline)}" : $"its registry did not answer: {Innermost(e).Message}";
            return new BaseDigest(reference, null, why);
        }
    }

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null) e = e.InnerException;
        return e;
    }
}

/// <summary>An external base image and its digest; <see cref="Why"/> says why there is none.</summary>
internal sealed record BaseDigest(string Reference, string? Digest, string? Why = null);
