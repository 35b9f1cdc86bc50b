using Cascade.Docker;
using Cascade.Registry;
using Cascade.Stacks;

namespace Cascade.Pipeline;

/// <summary>The build step of an image: with --refresh its external bases pulled again first and no step from the
/// layer cache; on a daemon without the stack's images its layer cache seeded from the registry first
/// (<see cref="LayerCacheSeeder"/>); a build that failed on a transient engine error started once more.</summary>
internal sealed partial class ImagePipeline
{
    /// <param name="noted">Told what the image's result should say: how many steps came from the cache it was seeded
    /// with (or that its cache could not be pulled), and why, when a transient engine error made the build start again.</param>
    private async Task<BuildOutcome> BuildAsync(ImageSpec image, IReadOnlyList<ParentImage> parents, RunContext run,
        IReadOnlyList<string> tags, CancellationToken ct, Action<string> noted)
    {
        var buildLog = run.Paths.BuildLog(image.Name);
        BuildOutcome built;
        await using (var log = OpenLog(buildLog, run))
        {
            var seed = run.Options.LayerCache is { } cache
                ? await seeder.SeedAsync(image, BuildInputs.BaseOf(image, run.Options, parents), run, cache, log, ct)
                : CacheSeed.None;
            var request = new ImageBuildRequest(
                Path.Combine(run.Spec.Directory, image.Context), image.Dockerfile, tags,
                image.BuildArgs, inputs.Labels(image, run, parents), run.Platform)
            {
                InjectedArgs = inputs.InjectedArgs(image, parents), Timeout = image.Timeout, NoCache = run.Options.Refresh,
                CacheFrom = seed.CacheFrom,
            };
            try
            {
                built = run.Options.Refresh && await PullBasesAgainAsync(image, run, log, ct) is { } pullFailure
                    ? new BuildOutcome(false, null, pullFailure, [])
                    : await BuildOnceMoreIfTransientAsync(request, log, ct, noted);
            }
            finally { await seeder.ReleaseAsync(seed); }
            if (seed.Describe(built) is { } cacheNote)
            {
                if (seed.Source is not null) log.WriteLine("Layer cache: " + cacheNote);
                noted(cacheNote);
            }
        }
        reporter.StageFinished(image.Name, PipelineStage.Build, built.Succeeded, buildLog);
        return built;
    }

    /// <summary>A build that failed on a transient engine error (<see cref="TransientEngineError"/>) starts once more,
    /// and says why; a second failure is reported as it is.</summary>
    private async Task<BuildOutcome> BuildOnceMoreIfTransientAsync(ImageBuildRequest request, TextWriter log, CancellationToken ct, Action<string> retried)
    {
        var built = await docker.BuildAsync(request, log, ct);
        if (built.Succeeded || ct.IsCancellationRequested || !TransientEngineError.Matches(built.Error)) return built;
        var reason = $"built again after a transient engine error: {built.Error}";
        log.WriteLine($"Cascade: {reason}");
        built = await docker.BuildAsync(request, log, ct);
        if (built.Succeeded) retried(reason);
        return built;
    }

    /// <summary>--refresh: the image's external bases (FROM outside the stack) pulled again, of the build's platform,
    /// so a tag moved upstream is what the build starts from. Returns the failure, or null.</summary>
    private async Task<string?> PullBasesAgainAsync(ImageSpec image, RunContext run, TextWriter log, CancellationToken ct)
    {
        foreach (var reference in image.ExternalBases)
        {
            if (ReferenceParts.Split(reference).Digest is not null)
            {
                log.WriteLine($"Cascade: --refresh: {reference} is pinned by its digest: it cannot have moved.");
                continue;
            }
            log.WriteLine($"Cascade: --refresh: pulling {reference} again" + (run.Platform is { } platform ? $" ({platform})" : ""));
            try
            {
                var login = ImageReference.TryParse(reference, out var parsed) ? run.Options.LoginFor(parsed!.Registry) : null;
                await docker.PullAsync(reference, run.Platform, login, ct);
            }
            catch (InvalidOperationException e)
            {
                log.WriteLine("ERROR: " + e.Message);
                return e.Message;
            }
        }
        return null;
    }
}
