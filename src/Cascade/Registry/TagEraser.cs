using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cascade.Registry;

/// <summary>
/// Removes one tag and nothing else. The distribution API deletes manifests by digest, which would take every
/// tag of that manifest with it (the promotion's source included). So: ask to delete the tag itself (OCI 1.1);
/// where the registry refuses, point the tag at a manifest of its own — the same config and layers, already in
/// the repository, with a unique annotation — and delete that manifest by its digest, which no other tag names.
/// </summary>
internal sealed class TagEraser(RegistryClient client)
{
    public const string Annotation = "io.cascade.tag-eraser";

    /// <param name="sample">A manifest of the repository whose blobs the placeholder may name.</param>
    public async Task EraseAsync(ImageReference repository, string tag, RegistryManifest sample, CancellationToken ct)
    {
        if (await client.TryDeleteManifestAsync(repository, tag, ct)) return;
        var image = sample.IsIndex ? await FirstChildAsync(repository, sample, ct) : sample;
        var placeholder = Placeholder(image);
        await client.PutManifestAsync(repository, tag, placeholder, ct);
        if (!await client.TryDeleteManifestAsync(repository, placeholder.Digest, ct))
            throw new RegistryException($"{repository.Name}: the registry refuses to delete manifests (storage.delete.enabled is off?), " +
                                        $"so tag {tag} could not be removed.");
    }

    private async Task<RegistryManifest> FirstChildAsync(ImageReference repository, RegistryManifest index, CancellationToken ct)
    {
        using var doc = JsonDocument.Parse(index.Bytes);
        var digest = doc.RootElement.GetProperty("manifests")[0].GetProperty("digest").GetString()!;
        return await client.GetManifestAsync(repository with { Tag = null, Digest = digest }, ct)
               ?? throw new RegistryException($"{repository.Name}@{digest}, named by the index, does not exist.");
    }

    private static RegistryManifest Placeholder(RegistryManifest image)
    {
        var source = JsonNode.Parse(image.Bytes)!.AsObject();
        var placeholder = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = "application/vnd.oci.image.manifest.v1+json",
            ["config"] = source["config"]!.DeepClone(),
            ["layers"] = source["layers"]!.DeepClone(),
            ["annotations"] = new JsonObject { [Annotation] = Guid.NewGuid().ToString("N") },
        };
        var bytes = Encoding.UTF8.GetBytes(placeholder.ToJsonString());
        return new RegistryManifest(bytes, "application/vnd.oci.image.manifest.v1+json", RegistryClient.Sha256Digest(bytes));
    }
}
