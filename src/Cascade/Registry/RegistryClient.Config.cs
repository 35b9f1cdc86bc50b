using System.Text.Json;
using Cascade.Stacks;

namespace Cascade.Registry;

/// <summary>One platform's image as the registry holds it: its manifest by digest (`repository@sha256:…`, what a
/// pull of exactly it names) and the labels its config records.</summary>
internal sealed record RegistryImage(ImageReference Manifest, IReadOnlyDictionary<string, string> Labels);

/// <summary>Image configs: what an image says of itself (platform, labels), read without pulling a layer.</summary>
internal sealed partial class RegistryClient
{
    /// <summary>The <paramref name="platform"/> image <paramref name="reference"/> names — the manifest itself, or its
    /// entry for that platform when it is an index — with its config's labels: a manifest and a config blob, a few
    /// KB, read before deciding to pull gigabytes. Null when the reference is absent, or is of other platforms only.</summary>
    public async Task<RegistryImage?> ReadImageAsync(ImageReference reference, Platform platform, CancellationToken ct)
    {
        if (await GetManifestAsync(reference, ct) is not { } manifest) return null;
        if (manifest.IsIndex)
        {
            if (ImageIndex.Read(manifest.Bytes).FirstOrDefault(e => e.Platform == platform) is not { } entry) return null;
            if (await GetManifestAsync(reference with { Tag = null, Digest = entry.Digest }, ct) is not { } own) return null;
            manifest = own;
        }
        using var config = await GetConfigAsync(reference, manifest.Digest, manifest.Bytes, ct);
        // A single manifest of another platform (a per-platform tag) is not this platform's image either.
        if (ImageIndex.PlatformOf(config.RootElement) is { } recorded && recorded != platform) return null;
        return new RegistryImage(reference with { Tag = null, Digest = manifest.Digest }, LabelsOf(config.RootElement));
    }

    /// <summary>The image config blob a manifest names, parsed.</summary>
    private async Task<JsonDocument> GetConfigAsync(ImageReference repository, string reference, byte[] manifest, CancellationToken ct)
    {
        string configDigest;
        using (var doc = JsonDocument.Parse(manifest))
        {
            if (!doc.RootElement.TryGetProperty("config", out var config) || !config.TryGetProperty("digest", out var d))
                throw new RegistryException($"{repository.Name}:{reference}: the manifest names no config.");
            configDigest = d.GetString()!;
        }
        using var response = await SendAsync(repository, "pull",
            () => new HttpRequestMessage(HttpMethod.Get, Url(repository, $"/v2/{repository.Repository}/blobs/{configDigest}")), ct);
        await using var body = await response.Content.ReadAsStreamAsync(ct);
        return await JsonDocument.ParseAsync(body, cancellationToken: ct);
    }

    // An image config keeps the labels under "config": {"Labels": {...}} (null when there are none).
    private static Dictionary<string, string> LabelsOf(JsonElement config)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (config.TryGetProperty("config", out var inner) && inner.ValueKind == JsonValueKind.Object
            && inner.TryGetProperty("Labels", out var map) && map.ValueKind == JsonValueKind.Object)
            foreach (var label in map.EnumerateObject())
                if (label.Value.ValueKind == JsonValueKind.String) labels[label.Name] = label.Value.GetString()!;
        return labels;
    }
}
