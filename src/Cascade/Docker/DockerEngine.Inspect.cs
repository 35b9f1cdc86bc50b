using Cascade.Registry;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Cascade.Docker;

/// <summary>One step of an image's history, oldest first: when, the command, the size it added.</summary>
internal sealed record HistoryStep(DateTimeOffset Created, string Command, long Size);

/// <summary>What the engine knows of a local image, for its documentation page.</summary>
internal sealed record ImageDetails(
    string Id, long Size, string Platform, DateTimeOffset Created,
    IReadOnlyDictionary<string, string> Labels, IReadOnlyList<HistoryStep> History);

internal sealed partial class DockerEngine
{
    /// <summary>Size, platform, labels and history of a local image; null when the daemon does not have it.</summary>
    public async Task<ImageDetails?> InspectAsync(string reference, CancellationToken ct)
    {
        ImageInspectResponse inspect;
        try { inspect = await _client.Images.InspectImageAsync(reference, ct); }
        catch (DockerImageNotFoundException) { return null; }
        catch (DockerApiException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound) { return null; }

        var history = await _client.Images.GetImageHistoryAsync(reference, ct);
        var platform = $"{inspect.Os}/{inspect.Architecture}" + (string.IsNullOrEmpty(inspect.Variant) ? "" : "/" + inspect.Variant);
        // The daemon lists the newest step first; a reader (and a cumulative size) wants the oldest first.
        var steps = history.Reverse()
            .Select(h => new HistoryStep(new DateTimeOffset(DateTime.SpecifyKind(h.Created, DateTimeKind.Utc)), h.CreatedBy ?? "", h.Size))
            .ToList();
        return new ImageDetails(inspect.ID, inspect.Size, platform,
            new DateTimeOffset(DateTime.SpecifyKind(inspect.Created ?? DateTime.UnixEpoch, DateTimeKind.Utc)),
            inspect.Config?.Labels is { } labels ? new Dictionary<string, string>(labels) : new Dictionary<string, string>(),
            steps);
    }

    public async Task PullAsync(string reference, Cascade.Stacks.Platform? platform, RegistryCredentials? credentials, CancellationToken ct)
    {
        // The API's `tag` takes a digest too: `fromImage=repo&tag=sha256:…` pulls exactly that manifest.
        var parts = Stacks.ReferenceParts.Split(reference);
        var (repository, tag) = (parts.Name, parts.Digest ?? parts.Tag ?? "latest");
        var auth = credentials is null
            ? new AuthConfig()
            : new AuthConfig { ServerAddress = credentials.ServerAddress, Username = credentials.Username, Password = credentials.Password };
        string? error = null;
        var progress = new Progress<JSONMessage>(m => error ??= m.Error?.Message);
        try
        {
            await _client.Images.CreateImageAsync(new ImagesCreateParameters { FromImage = repository, Tag = tag, Platform = platform?.ToString() }, auth, progress, ct);
        }
        catch (DockerApiException e)
        {
            throw new InvalidOperationException($"could not pull {reference}: {SecretRedactor.For(credentials).Redact(ApiMessage(e))}");
        }
        if (error is not null) throw new InvalidOperationException($"could not pull {reference}: {SecretRedactor.For(credentials).Redact(error)}");
    }

    public async Task<bool> HoldsAnyImageOfAsync(IReadOnlyCollection<string> repositories, CancellationToken ct)
    {
        var wanted = repositories.ToHashSet(StringComparer.Ordinal);
        var images = await _client.Images.ListImagesAsync(new ImagesListParameters(), ct);
        return images.SelectMany(i => (i.RepoTags ?? []).Concat(i.RepoDigests ?? []))
            .Any(r => wanted.Contains(Stacks.ReferenceParts.Split(r).Name));
    }
}
