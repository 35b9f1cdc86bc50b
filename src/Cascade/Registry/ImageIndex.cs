using System.Text;
using System.Text.Json;
using Cascade.Stacks;

namespace Cascade.Registry;

/// <summary>One platform's manifest in an image index: what `docker pull` picks by platform.</summary>
internal sealed record IndexEntry(Platform Platform, string Digest, long Size, string MediaType);

/// <summary>
/// A multi-platform index: an OCI image index, or a Docker manifest list when every entry is a Docker
/// schema-2 manifest (what the classic daemon pushes), so the index and its entries are of one family.
/// Written in one fixed form, so equal entries give equal bytes and an equal digest.
/// </summary>
internal static class ImageIndex
{
    public const string OciIndex = "application/vnd.oci.image.index.v1+json";
    public const string OciManifest = "application/vnd.oci.image.manifest.v1+json";
    public const string DockerList = "application/vnd.docker.distribution.manifest.list.v2+json";
    public const string DockerManifest = "application/vnd.docker.distribution.manifest.v2+json";

    public static bool IsIndex(string mediaType) => mediaType is OciIndex or DockerList;

    public static (byte[] Bytes, string MediaType) Write(IReadOnlyList<IndexEntry> entries)
    {
        var mediaType = entries.All(e => e.MediaType == DockerManifest) ? DockerList : OciIndex;
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteNumber("schemaVersion", 2);
            json.WriteString("mediaType", mediaType);
            json.WriteStartArray("manifests");
            foreach (var entry in entries) WriteEntry(json, entry);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return (buffer.ToArray(), mediaType);
    }

    /// <summary>The entries of an index body; entries without a platform (attestations) are left out.</summary>
    public static IReadOnlyList<IndexEntry> Read(byte[] bytes)
    {
        using var doc = JsonDocument.Parse(bytes);
        var entries = new List<IndexEntry>();
        if (!doc.RootElement.TryGetProperty("manifests", out var manifests)) return entries;
        foreach (var m in manifests.EnumerateArray())
        {
            if (!m.TryGetProperty("platform", out var p) || PlatformOf(p) is not { } platform) continue;
            entries.Add(new IndexEntry(platform, m.GetProperty("digest").GetString()!, m.GetProperty("size").GetInt64(),
                m.TryGetProperty("mediaType", out var t) ? t.GetString()! : OciManifest));
        }
        return entries;
    }

    /// <summary>The platform an image config (or an index entry's `platform`) records: os, architecture, variant.</summary>
    public static Platform? PlatformOf(JsonElement element)
    {
        string? Text(string name) => element.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        if (Text("os") is not { Length: > 0 } os || Text("architecture") is not { Length: > 0 } arch) return null;
        var written = Text("variant") is { Length: > 0 } variant ? $"{os}/{arch}/{variant}" : $"{os}/{arch}";
        return Platform.TryParse(written, out _);
    }

    private static void WriteEntry(Utf8JsonWriter json, IndexEntry entry)
    {
        json.WriteStartObject();
        json.WriteString("mediaType", entry.MediaType);
        json.WriteString("digest", entry.Digest);
        json.WriteNumber("size", entry.Size);
        json.WriteStartObject("platform");
        json.WriteString("architecture", entry.Platform.Architecture);
        json.WriteString("os", entry.Platform.Os);
        if (entry.Platform.Variant is { } variant) json.WriteString("variant", variant);
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
