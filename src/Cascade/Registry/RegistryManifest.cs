using System.Text.Json;

namespace Cascade.Registry;

/// <summary>A manifest as the registry stores it: its exact bytes (so re-tagging keeps the digest), its media
/// type (Docker v2 or OCI; an image manifest or a list/index) and its digest.</summary>
internal sealed record RegistryManifest(byte[] Bytes, string MediaType, string Digest)
{
    public bool IsIndex => MediaType is "application/vnd.oci.image.index.v1+json" or "application/vnd.docker.distribution.manifest.list.v2+json";

    /// <summary>An image manifest's config and layer sizes, summed: the compressed size a pull downloads. An index
    /// has none of its own (each platform's manifest has).</summary>
    public long? CompressedSize()
    {
        if (IsIndex) return null;
        using var doc = JsonDocument.Parse(Bytes);
        long total = 0;
        if (doc.RootElement.TryGetProperty("config", out var config) && config.TryGetProperty("size", out var size)) total += size.GetInt64();
        if (doc.RootElement.TryGetProperty("layers", out var layers))
            foreach (var layer in layers.EnumerateArray())
                if (layer.TryGetProperty("size", out var s)) total += s.GetInt64();
        return total;
    }
}
