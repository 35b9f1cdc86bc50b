using Docker.DotNet.Models;

namespace Cascade.Docker;

internal sealed partial class DockerEngine
{
    /// <summary>
    /// Host-side tests (pytest's docker_client, an integration script) start containers Cascade cannot label.
    /// They are found by image: the daemon's `ancestor` filter, narrowed to this exact image (not a descendant
    /// another run is testing) and to containers created since the tests began (not the user's own).
    /// </summary>
    public async Task<IReadOnlyList<string>> RemoveContainersLeftAsync(string reference, DateTimeOffset since, CancellationToken ct)
    {
        var imageId = await FindImageAsync(reference, ct);
        if (imageId is null) return [];
        var containers = await _client.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["ancestor"] = new Dictionary<string, bool> { [reference] = true } },
        }, ct);
        // The daemon keeps creation times in whole seconds.
        var left = containers.Where(c => c.ImageID == imageId && c.Created >= since.UtcDateTime.AddSeconds(-1)).ToList();
        foreach (var container in left) await RemoveContainerQuietlyAsync(container.ID);
        return left.Select(c => c.Names.FirstOrDefault()?.TrimStart('/') ?? c.ID[..12]).ToList();
    }
}
