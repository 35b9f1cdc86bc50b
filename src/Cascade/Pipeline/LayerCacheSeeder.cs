using Cascade.Docker;
using Cascade.Registry;
using Cascade.Stacks;

namespace Cascade.Pipeline;

/// <summary>What seeding found for one build: the cache image (`repository@sha256:…`) and the candidate it was found
/// under, or why there is none when that is worth a note in the image's result.</summary>
internal sealed record CacheSeed(string? Source, string? Candidate, string? Note)
{
    /// <summary>Whether this run pulled <see cref="Source"/> (and so removes it after the build); false when the daemon had it.</summary>
    public bool Pulled { get; init; }

    public static CacheSeed None { get; } = new(null, null, null);

    public IReadOnlyList<string> CacheFrom => Source is null ? [] : [Source];

    /// <summary>The result's note after the build: how many steps came from the cache it was seeded with, or why
    /// it was not seeded (a pull that failed).</summary>
    public string? Describe(BuildOutcome built) =>
        Source is null ? Note : $"{built.CachedSteps} of {CacheableSteps(built.Steps)} steps from the cache ({Candidate}, pulled as its cache)";

    /// <summary>The steps a cache can hold: not a FROM (it names an image), nor an ARG before the first FROM (it only
    /// declares a name for FROM lines).</summary>
    private static int CacheableSteps(IReadOnlyList<BuildStep> steps)
    {
        var firstFrom = steps.ToList().FindIndex(IsFrom);
        return steps.Where((step, i) => !IsFrom(step) && !(i < firstFrom && step.Instruction.StartsWith("ARG ", StringComparison.OrdinalIgnoreCase))).Count();
    }

    private static bool IsFrom(BuildStep step) => step.Instruction.StartsWith("FROM ", StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// Seeds the classic builder's layer cache on a daemon that has none (a fresh CI runner): before an image is built,
/// its most recent previous build that can share steps with this one — the first candidate (by default this
/// branch's tag, the default branch's, `stable`) built FROM the same base, judged by its
/// org.opencontainers.image.base.digest label read from the registry without pulling a layer — is pulled and given
/// to the build as its cache source (`cachefrom`). With another base no step can match, so nothing is pulled. A
/// cache image that cannot be pulled is a note, never a failure: the image is built without it.
/// </summary>
internal sealed class LayerCacheSeeder(IDockerEngine docker, RegistryClient? registry)
{
    public async Task<CacheSeed> SeedAsync(ImageSpec image, BaseImage? from, RunContext run, LayerCacheOptions options,
        TextWriter log, CancellationToken ct)
    {
        if (registry is null || !run.HasRegistry(image)) return CacheSeed.None;
        if (from is { Digest: null })
        {
            log.WriteLine($"Layer cache: not seeded: the digest of its base {from.Reference} is unknown (not in a registry), " +
                          "so no earlier build can have been made FROM it.");
            return CacheSeed.None;
        }
        var platform = run.Platform ?? await docker.DaemonPlatformAsync(ct);
        foreach (var candidate in options.CandidatesFor(image, run))
        {
            if (await ReadAsync(candidate, platform, log, ct) is not { } previous) continue;
            var built = previous.Labels.GetValueOrDefault(OciLabels.BaseDigest);
            if (built != from?.Digest)
            {
                log.WriteLine($"Layer cache: {candidate} was built FROM another base ({built ?? "none recorded"}; this build's is " +
                              $"{from?.Digest ?? "none"}): no step can match, not pulled.");
                continue;
            }
            return await PullAsync(candidate, previous.Manifest.ToString(), run, log, ct);
        }
        log.WriteLine($"Layer cache: no previous build of {image.Name} with this base in the registry; building without one.");
        return CacheSeed.None;
    }

    /// <summary>Removes the pulled cache image's reference once the build is done: the layers the new image took from it
    /// stay (they are the new image's now), the rest goes, which matters on a runner's small disk.</summary>
    public async Task ReleaseAsync(CacheSeed seed)
    {
        if (seed.Source is null || !seed.Pulled) return;
        try { await docker.RemoveImageAsync(seed.Source, CancellationToken.None); }
        catch (Exception e) when (e is not OperationCanceledException) { /* a leftover image, not a failed build */ }
    }

    private async Task<RegistryImage?> ReadAsync(string candidate, Platform platform, TextWriter log, CancellationToken ct)
    {
        try
        {
            var found = await registry!.ReadImageAsync(ImageReference.Parse(candidate), platform, ct);
            if (found is null) log.WriteLine($"Layer cache: {candidate}: no {platform} image in the registry.");
            return found;
        }
        catch (Exception e) when (e is RegistryException or HttpRequestException or FormatException or System.Text.Json.JsonException)
        {
            log.WriteLine($"Layer cache: {candidate} could not be read from the registry: {e.Message}");
            return null;
        }
    }

    private async Task<CacheSeed> PullAsync(string candidate, string manifest, RunContext run, TextWriter log, CancellationToken ct)
    {
        if (await docker.FindImageAsync(manifest, ct) is not null)
        {
            log.WriteLine($"Layer cache: {candidate} ({manifest}), built FROM the same base, is in the daemon: this build's cache.");
            return new CacheSeed(manifest, candidate, null);
        }
        log.WriteLine($"Layer cache: pulling {candidate} ({manifest}), built FROM the same base, as this build's cache.");
        string? failure = null;
        try { await docker.PullAsync(manifest, run.Platform, run.Options.LoginFor(ImageReference.Parse(manifest).Registry), ct); }
        catch (Exception e) when (e is not OperationCanceledException) { failure = e.Message; }
        // The pull's error can arrive after the call returns: the image being there is what counts.
        if (failure is null && await docker.FindImageAsync(manifest, ct) is null) failure = $"{manifest} is not in the daemon after the pull";
        if (failure is null) return new CacheSeed(manifest, candidate, null) { Pulled = true };
        var note = $"cache image {candidate} could not be pulled ({failure}): built without it";
        log.WriteLine("Layer cache: " + note);
        return new CacheSeed(null, candidate, note);
    }
}
