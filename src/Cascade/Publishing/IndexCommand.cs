using Cascade.Changes;
using Cascade.Pipeline;
using Cascade.Registry;
using Cascade.Stacks;

namespace Cascade.Publishing;

/// <summary>
/// The PushIndex target: one runner per platform, as the generated workflows do it, pushes only that platform's images
/// (`Push --platform P`, under their per-platform tags); then each image's index is written under its shared tags once
/// every platform's image is in the registry, and recorded as that image's Push. An image missing a platform gets none.
/// </summary>
/// <param name="runPlatform">--platform: the fingerprint recorded is that platform's image's.</param>
sealed class IndexCommand(StackPlanning planning, LedgerRecorder ledger, Lazy<RepositoryInfo> repository, RegistryLogins logins,
    ArtifactsFolderLock folderLock, string artifactsFolder, Platform? runPlatform, TextWriter output, TextWriter log)
{
    public async Task PushIndexesAsync(CancellationToken ct)
    {
        ledger.CheckWikiLedger();
        await folderLock.HoldAsync(ct);
        using var access = new RegistryAccess(logins.For);
        var registry = access.Client();
        var index = new PlatformIndex(registry);
        var run = RunContext.Create(planning.Spec, new RunOptions
        {
            Branch = repository.Value.Branch, Commit = repository.Value.Commit, ArtifactsDirectory = artifactsFolder, Credentials = logins.ForPush(),
        }, planning.Fingerprints, planning.TestFingerprints);
        var failures = new List<string>();
        var written = new List<LedgerImage>();
        var order = planning.Plan.Order;
        if (order.Count == 0) log.WriteLine("PushIndex: no image is affected; nothing to write. Use --images NAME or --all to force.");
        foreach (var name in order)
        {
            var (failure, record) = await PushIndexAsync(index, registry, run, name, ct);
            if (failure is not null) failures.Add(run.Redactor.Redact(failure));
            if (record is not null) written.Add(record);
        }
        // The image is published only now, as one tag for all platforms: this is its Push in the ledger.
        if (written.Count > 0) ledger.RecordRun(ledger.NewEntry(LedgerKinds.Push, written));
        if (failures.Count > 0)
            throw new InvalidOperationException($"{failures.Count} image(s) got no index, and nothing was written for them:\n  " + string.Join("\n  ", failures));
    }

    /// <summary>One image's index, only when the registry has every platform's image. Returns the failure, or the
    /// image's ledger record once its index is written (neither for an image without platforms).</summary>
    async Task<(string? Failure, LedgerImage? Record)> PushIndexAsync(PlatformIndex index, RegistryClient registry, RunContext run, string name, CancellationToken ct)
    {
        var image = planning.Spec[name];
        if (image.Platforms.Count == 0)
        {
            log.WriteLine($"{name}: has no platforms: Push pushes its one image under the shared tags itself; no index to write.");
            return (null, null);
        }
        if (!run.HasRegistry(image))
            return ($"{name}: its repository {image.Repository} names no registry; set `registry:` in {planning.Spec.File} or pass --registry HOST.", null);
        try
        {
            var missing = await index.MissingAsync(image, run, ct);
            if (missing.Count > 0)
                return ($"{name}: the registry has no {string.Join(" and no ", missing.Select(m => $"{m.Platform} image ({m.Reference})"))}; " +
                        "each platform's image is pushed by `Push --platform P` once its tests passed.", null);
            return (null, await WriteAsync(index, registry, run, image, ct));
        }
        catch (Exception e) when (e is RegistryException or HttpRequestException)
        {
            return ($"{name}: writing the index failed: {e.Message}", null);
        }
    }

    async Task<LedgerImage> WriteAsync(PlatformIndex index, RegistryClient registry, RunContext run, ImageSpec image, CancellationToken ct)
    {
        var digest = await index.WriteAsync(image, run, log, ct);
        var records = new TestRecords(registry);
        var tests = run.TestFingerprintOf(image);
        var passed = await index.EveryPlatformPassedAsync(image, run, records, ct);
        if (passed) await records.RecordAsync(image, tests, digest, ct);
        else log.WriteLine($"{image.Name}: the registry records no pass of its current tests ({tests.Short}) on every platform's image; " +
                           "the index is written, but Promote will refuse it until a Push of each platform tests them.");
        var tags = PlatformIndex.SharedTags(image, run);
        foreach (var tag in tags) output.WriteLine($"{image.Repository}:{tag}@{digest}");
        return LedgerImage.Of(image, ImageStatus.Succeeded) with
        {
            Reference = run.ExactReference(image), Digest = digest,
            Fingerprint = RunContext.FingerprintOf(image, planning.Fingerprints, runPlatform).Value,
            TestFingerprint = passed ? tests.Value : null, Tags = tags,
            Facts = await ImageFactsCollector.FromRegistryAsync(registry, image, PlatformIndex.Entries(image, run), ct),
        };
    }
}
