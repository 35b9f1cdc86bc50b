using Cascade.Changes.Fingerprints;
using Cascade.Engine;
using Cascade.Pipeline;
using Cascade.Registry;
using Cascade.Publishing;
using Cascade.Reports;
using PlatformName = Cascade.Stacks.Platform;

namespace Cascade;

/// <summary>
/// One runner per platform, as the generated workflows do it: `Push --platform linux/arm64` builds, tests and
/// pushes only that platform's images (under their per-platform tags, FROM their parents' images of that
/// platform, found by fingerprint), and `PushIndex` then writes each image's index once every platform's image
/// is in the registry. Images not built for the platform are not that runner's work.
/// </summary>
partial class CascadeBuild
{
    // The member is not called Platform: its environment variable would be PLATFORM (or Platform), which
    // Visual Studio's developer prompt and other tools set for their own purposes.
    /// <summary>--platform: the one platform this run builds and pushes (one runner per platform).</summary>
    [Parameter("Do only this platform of the images built for it (one runner per platform), e.g. linux/arm64: push each under its " +
               "per-platform tags and write no index (PushIndex does); images not built for it are left out", Name = "platform")]
    protected string? OnlyPlatform { get; init; }

    PlatformName? runPlatform;

    /// <summary>`--platform`, checked: one of the platforms the stack's images are built for.</summary>
    PlatformName? RunPlatform => runPlatform;

    void CheckPlatformArgument()
    {
        if (OnlyPlatform is not { Length: > 0 } text) return;
        var platform = PlatformName.TryParse(text, out var problem) ?? throw new InvalidArgumentsException($"--platform {text}: {problem}.");
        var used = Loaded.Spec.Images.SelectMany(i => i.Platforms).Distinct().ToList();
        if (!used.Contains(platform))
            throw new InvalidArgumentsException(used.Count == 0
                ? $"--platform {text}: no image of {Loaded.Spec.File} has platforms:, so each is built for the Docker daemon's platform; leave --platform out."
                : $"--platform {text}: no image of {Loaded.Spec.File} is built for {platform}; its images are built for {string.Join(", ", used)}.");
        runPlatform = platform;
    }

    /// <summary>The fingerprint this run looks for: the image's of --platform when it is built for it, else the whole image's.</summary>
    ImageFingerprint RunFingerprint(string name) => RunContext.FingerprintOf(Loaded.Spec[name], Fingerprints, RunPlatform);

    /// <summary>With --platform, the images built for it (their parents are too: the spec checks that); the others
    /// are left out, and said so.</summary>
    IReadOnlyList<string> OfThisPlatform(IReadOnlyList<string> names)
    {
        if (RunPlatform is not { } platform) return names;
        var kept = new List<string>(names.Count);
        foreach (var name in names)
        {
            var image = Loaded.Spec[name];
            if (image.Platforms.Contains(platform)) kept.Add(name);
            else
                Out.WriteLine($"{name}: left out: not built for {platform} (--platform) — " + (image.Platforms.Count == 0
                    ? "it has no platforms: a run without --platform builds it"
                    : $"its platforms are {string.Join(", ", image.Platforms)}"));
        }
        return kept;
    }

    async Task PushIndexesAsync()
    {
        CheckWikiLedger();
        await HoldArtifactsFolderAsync(Stopping);
        using var access = new RegistryAccess(CredentialsFor);
        var registry = access.Client();
        var index = new PlatformIndex(registry);
        var run = RunContext.Create(Loaded.Spec, new RunOptions
        {
            Branch = RunBranch, Commit = Repository.Commit, ArtifactsDirectory = ArtifactsFolder, Credentials = PushCredentials(),
        }, Fingerprints, TestFingerprints);
        var failures = new List<string>();
        var written = new List<LedgerImage>();
        if (CurrentPlan.Order.Count == 0) Out.WriteLine("PushIndex: no image is affected; nothing to write. Use --images NAME or --all to force.");
        foreach (var name in CurrentPlan.Order)
        {
            var (failure, record) = await PushIndexAsync(index, registry, run, name, Stopping);
            if (failure is not null) failures.Add(run.Redactor.Redact(failure));
            if (record is not null) written.Add(record);
        }
        // The image is published only now, as one tag for all platforms: this is its Push in the ledger.
        if (written.Count > 0) RecordRun(NewEntry(LedgerKinds.Push, written));
        if (failures.Count > 0)
            throw new InvalidOperationException($"{failures.Count} image(s) got no index, and nothing was written for them:\n  " + string.Join("\n  ", failures));
    }

    /// <summary>One image's index, only when the registry has every platform's image. Returns the failure, or the
    /// image's ledger record once its index is written (neither for an image without platforms).</summary>
    async Task<(string? Failure, LedgerImage? Record)> PushIndexAsync(PlatformIndex index, RegistryClient registry, RunContext run, string name, CancellationToken ct)
    {
        var image = Loaded.Spec[name];
        if (image.Platforms.Count == 0)
        {
            Out.WriteLine($"{name}: has no platforms: Push pushes its one image under the shared tags itself; no index to write.");
            return (null, null);
        }
        if (!run.HasRegistry(image))
            return ($"{name}: its repository {image.Repository} names no registry; set `registry:` in {Loaded.Spec.File} or pass --registry HOST.", null);
        try
        {
            var missing = await index.MissingAsync(image, run, ct);
            if (missing.Count > 0)
                return ($"{name}: the registry has no {string.Join(" and no ", missing.Select(m => $"{m.Platform} image ({m.Reference})"))}; " +
                        "each platform's image is pushed by `Push --platform P` once its tests passed.", null);
            var digest = await index.WriteAsync(image, run, Out, ct);
            var records = new TestRecords(registry);
            var tests = run.TestFingerprintOf(image);
            var passed = await index.EveryPlatformPassedAsync(image, run, records, ct);
            if (passed) await records.RecordAsync(image, tests, digest, ct);
            else Out.WriteLine($"{name}: the registry records no pass of its current tests ({tests.Short}) on every platform's image; " +
                               "the index is written, but Promote will refuse it until a Push of each platform tests them.");
            var tags = PlatformIndex.SharedTags(image, run);
            foreach (var tag in tags) StandardOutput.WriteLine($"{image.Repository}:{tag}@{digest}");
            return (null, LedgerImage.Of(image, ImageStatus.Succeeded) with
            {
                Reference = run.ExactReference(image), Digest = digest, Fingerprint = RunFingerprint(name).Value,
                TestFingerprint = passed ? tests.Value : null, Tags = tags,
                Facts = await ImageFactsCollector.FromRegistryAsync(registry, image, PlatformIndex.Entries(image, run), ct),
            });
        }
        catch (Exception e) when (e is RegistryException or HttpRequestException)
        {
            return ($"{name}: writing the index failed: {e.Message}", null);
        }
    }
}
