using System.Text.Json;
using Cascade.Stacks;

namespace Cascade.Registry;

/// <summary>Multi-platform tags: an index over per-platform manifests already in the repository.</summary>
internal sealed partial class RegistryClient
{
    /// <summary>
    /// Writes one index over the manifests <paramref name="platforms"/> name (tags or digests in
    /// <paramref name="repository"/>, each pushed before), and points every tag of <paramref name="tags"/> at it.
    /// Each manifest's image config must record the platform it is listed for. Returns the index digest.
    /// </summary>
    public async Task<string> PutIndexAsync(ImageReference repository, IReadOnlyList<(Platform Platform, string Reference)> platforms,
        IReadOnlyList<string> tags, CancellationToken ct)
    {
        if (platforms.Count == 0) throw new ArgumentException("an index needs at least one platform", nameof(platforms));
        var entries = new List<IndexEntry>(platforms.Count);
        foreach (var (platform, reference) in platforms)
            entries.Add(await EntryAsync(repository, platform, reference, ct));
        var (bytes, mediaType) = ImageIndex.Write(entries);
        var digest = Sha256Digest(bytes);
        foreach (var tag in tags)
            digest = await PutManifestAsync(repository, tag, bytes, mediaType, ct);
        return digest;
    }

    /// <summary>The platforms of the index <paramref name="reference"/> names; null when it is a single-platform manifest.</summary>
    public async Task<IReadOnlyList<IndexEntry>?> ReadIndexAsync(ImageReference reference, CancellationToken ct)
    {
        var (bytes, mediaType) = await GetManifestAsync(reference, reference.ManifestReference, ct);
        return ImageIndex.IsIndex(mediaType) ? ImageIndex.Read(bytes) : null;
    }

    private async Task<IndexEntry> EntryAsync(ImageReference repository, Platform platform, string reference, CancellationToken ct)
    {
        var (bytes, mediaType) = await GetManifestAsync(repository, reference, ct);
        if (ImageIndex.IsIndex(mediaType))
            throw new RegistryException($"{repository.Name}:{reference} is itself an index; list the {platform} image's own manifest.");
        var recorded = await ConfigPlatformAsync(repository, reference, bytes, ct);
        if (recorded != platform)
            throw new RegistryException($"{repository.Name}:{reference} is a {recorded?.ToString() ?? "platform-less"} image, " +
                                        $"not {platform}; it cannot stand for {platform} in the index.");
        return new IndexEntry(platform, Sha256Digest(bytes), bytes.Length, mediaType);
    }

    // The manifest's config blob records os/architecture/variant (a few hundred bytes to a few KB).
    private async Task<Platform?> ConfigPlatformAsync(ImageReference repository, string reference, byte[] manifest, CancellationToken ct)
    {
        using var config = await GetConfigAsync(repository, reference, manifest, ct);
        return ImageIndex.PlatformOf(config.RootElement);
    }
}
