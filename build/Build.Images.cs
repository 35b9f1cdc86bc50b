using Cascade.Changes;
using Cascade.Docker;
using Cascade.Pipeline;
using Cascade.Registry;
using Cascade.Stacks;

/// <summary>What running an image target does: `./build.sh scipy-ml-notebook` builds and tests that image.
/// Its ancestors' targets run first (they are its dependencies) but build only when their image is in
/// neither the daemon nor the registry — a child must not wait an hour for a root that already exists.</summary>
partial class CascadeBuild
{
    async Task RunImageTargetAsync(string name)
    {
        if (InvokedTargets.Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            await RunImagesAsync([name], PipelineStage.Test);
            return;
        }

        var branch = Branch ?? RepositoryInfo.Read(StackDirectory, Environment.GetEnvironmentVariable).Branch;
        var reference = ImageTags.BranchReference(Loaded.Spec[name], Loaded.Spec.TagPrefix, branch);
        using var stop = new StopSignal();
        using (var docker = await DockerEngine.ConnectAsync(Environment.GetEnvironmentVariable("DOCKER_HOST"), stop.Token))
        {
            if (await docker.FindImageAsync(reference, stop.Token) is not null)
            {
                Out.WriteLine($"{reference} is in the Docker daemon: not rebuilt");
                return;
            }
        }
        if (await ExistsInRegistryAsync(reference, stop.Token))
        {
            Out.WriteLine($"{reference} is in the registry: not rebuilt");
            return;
        }
        Out.WriteLine($"{reference} is neither in the daemon nor in the registry: building it");
        await RunImagesAsync([name], PipelineStage.Build);
    }

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
