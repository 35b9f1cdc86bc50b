using Cascade.Docker;
using Cascade.Pipeline;

namespace Cascade;

/// <summary>--cache-from as a run applies it: whether each image built is first seeded with its previous build from
/// the registry (a fresh CI runner has no layer cache; a daemon that built the stack before has its own).</summary>
partial class CascadeBuild
{
    /// <summary>The run's layer-cache seeding; null when it does not seed: --cache-from none, --refresh (which takes no
    /// step from a cache), Build skipped, or, with auto, a daemon that holds an image of the stack (whose own cache a
    /// cache source would only narrow).</summary>
    async Task<LayerCacheOptions?> LayerCacheAsync(IDockerEngine docker, IReadOnlySet<PipelineStage> skipped, CancellationToken ct)
    {
        var setting = CacheFromSetting.Parse(CacheFrom, out _) ?? CacheFromSetting.Auto;
        if (setting.Mode == CacheFromMode.None || RefreshBases || skipped.Contains(PipelineStage.Build)) return null;
        if (setting.Mode == CacheFromMode.Auto)
        {
            if (await docker.HoldsAnyImageOfAsync(Loaded.Spec.Images.Select(i => i.Repository).ToList(), ct)) return null;
            Out.WriteLine("Layer cache: the Docker daemon holds no image of this stack (a fresh runner), so each image built is " +
                          "first seeded with its previous build from the registry (--cache-from none turns this off).");
        }
        var sources = setting.Mode == CacheFromMode.Sources ? setting.Sources : Loaded.Spec.Ci.CacheFrom;
        return new LayerCacheOptions(sources, Loaded.Spec.Ci.DefaultBranch);
    }

    /// <summary>The external bases' digests the plan resolved (their children's base labels).</summary>
    IReadOnlyDictionary<string, string?> ExternalBaseDigests()
    {
        _ = Fingerprints; // resolved with them, on the planning thread
        return ExternalBases.ToDictionary(b => b.Key, b => b.Value.Digest, StringComparer.Ordinal);
    }
}
