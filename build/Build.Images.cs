using Cascade.Docker;
using Cascade.Pipeline;
using Cascade.Registry;

/// <summary>What running an image target does: `./build.sh scipy-ml-notebook` builds and tests that image,
/// and first those of its ancestors that are in neither the daemon nor the registry — a child must not wait
/// an hour for a root that already exists. All of it is one pipeline run, parallel over the DAG; the
/// ancestors' own targets (its dependencies, so `--plan` draws the ancestry) are skipped, their work being
/// folded into this run.</summary>
partial class CascadeBuild
{
    bool IsInvoked(string image) => InvokedTargets.Contains(image, StringComparer.OrdinalIgnoreCase);

    Task RunImageTargetAsync(string name) => RunImagesAsync(PipelineStage.Test, async (docker, ct) =>
    {
        var missing = await AncestorCheck.MissingAncestors(Loaded.Spec, Loaded.Graph, [name], RunBranch, docker, ExistsInRegistryAsync, ct);
        foreach (var ancestor in missing)
            Out.WriteLine($"{ancestor}: in neither the Docker daemon nor the registry, built first");
        return Loaded.Graph.Order([.. missing, name]);
    });

    /// <summary>Only a repository that names a registry host can be asked; a local-only name cannot.</summary>
    async Task<bool> ExistsInRegistryAsync(string reference, CancellationToken ct)
    {
        var parsed = ImageReference.Parse(reference);
        if (parsed.Registry == ImageReference.DockerHub && Loaded.Spec.Registry is null) return false;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(15) };
        try
        {
            return await new RegistryClient(http, _ => PushCredentials()).ManifestExistsAsync(parsed, ct) is not null;
        }
        catch (Exception e) when (e is RegistryException or HttpRequestException or TaskCanceledException)
        {
            Out.WriteLine($"warning: could not ask the registry about {reference}: {e.Message}");
            return false;
        }
    }
}
