using Cascade.Docker;
using Cascade.Registry;
using Cascade.Stacks;

namespace Cascade.Pipeline;

/// <summary>Where an image with the wanted fingerprint already exists: the local daemon (its id) and/or
/// the registry (its manifest digest). Found in the registry, it is trusted without testing only when the registry
/// records that this digest passed the image's current tests (<see cref="TestRecords"/>).</summary>
internal sealed record ExistingImage(string? LocalId, string? RegistryDigest)
{
    public static ExistingImage None { get; } = new(null, null);

    public bool Found => LocalId is not null || RegistryDigest is not null;
    public bool InRegistry => RegistryDigest is not null;

    public string Where => (LocalId, RegistryDigest) switch
    {
        (not null, not null) => "the local daemon and the registry",
        (not null, null) => "the local daemon",
        _ => "the registry",
    };
}

/// <summary>
/// Looks for `repository:fp-…` in the local daemon, then in the registry, so that nothing is built that
/// exists; and hands a found image this run's tags (`docker tag` locally, a manifest PUT in the registry:
/// no layer moves).
/// </summary>
internal sealed class ImageLookup(IDockerEngine docker, RegistryClient? registry)
{
    public async Task<ExistingImage> FindAsync(ImageSpec image, RunContext run, CancellationToken ct)
    {
        var reference = run.FingerprintReference(image);
        var local = await FindLocalAsync(reference, ct);
        var remote = run.HasRegistry(image) ? await FindInRegistryAsync(reference, ct) : null;
        return new ExistingImage(local, remote);
    }

    /// <summary>Whether the image is in the daemon or, when <paramref name="askRegistry"/>, in the registry: the
    /// daemon is asked first, and the registry only when the daemon lacks it.</summary>
    public async Task<bool> ExistsAsync(string reference, bool askRegistry, CancellationToken ct) =>
        await FindLocalAsync(reference, ct) is not null || (askRegistry && await FindInRegistryAsync(reference, ct) is not null);

    public async Task<string?> FindLocalAsync(string reference, CancellationToken ct)
    {
        try { return await docker.FindImageAsync(reference, ct); }
        catch (Exception e) when (e is not OperationCanceledException) { return null; } // a daemon hiccup: not to be relied on
    }

    /// <summary>The manifest digest of <paramref name="reference"/> in its registry; null when absent or unreachable
    /// (then the image is built, and a registry that is really down fails the push, plainly).</summary>
    public async Task<string?> FindInRegistryAsync(string reference, CancellationToken ct)
    {
        if (registry is null) return null;
        try { return await registry.ManifestExistsAsync(reference, ct); }
        catch (Exception e) when (e is RegistryException or HttpRequestException or ArgumentException) { return null; }
    }

    /// <summary>Pulls an image found only in the registry (to test it) and gives it this run's tags locally.
    /// Returns its local id.</summary>
    public async Task<string?> PullAsync(string source, IEnumerable<string> tags, Platform? platform, RegistryCredentials? credentials, CancellationToken ct)
    {
        await docker.PullAsync(source, platform, credentials, ct);
        await TagLocallyAsync(source, tags, ct);
        return await FindLocalAsync(source, ct);
    }

    public async Task TagLocallyAsync(string source, IEnumerable<string> tags, CancellationToken ct)
    {
        foreach (var tag in tags.Where(t => t != source)) await docker.TagAsync(source, tag, ct);
    }

    /// <summary>Points each tag at the fingerprint tag's manifest, registry-side. Returns the digest.</summary>
    public async Task<string> TagInRegistryAsync(string source, IEnumerable<string> tags, CancellationToken ct)
    {
        var from = ImageReference.Parse(source);
        var digest = from.Digest;
        foreach (var tag in tags.Where(t => t != source))
            digest = await registry!.CopyTagAsync(from, from.Tag!, ImageReference.Parse(tag).Tag!, ct);
        return digest ?? (await registry!.ManifestExistsAsync(from, ct))!;
    }
}
