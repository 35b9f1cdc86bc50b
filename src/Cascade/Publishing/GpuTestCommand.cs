using Cascade.Docker;
using Cascade.Pipeline;
using Cascade.Registry;
using Cascade.Stacks;

namespace Cascade.Publishing;

/// <summary>`TestGpu --from-tag TAG`: the images' gpu_tests on the pushed images (all GPUs requested, nothing is
/// built), each image's gpu-junit.xml written, the run recorded in the ledger.</summary>
sealed class GpuTestCommand(StackPlanning planning, LedgerRecorder ledger, RegistryLogins logins, ArtifactsFolderLock folderLock,
    string artifactsFolder, TextWriter log)
{
    /// <param name="images">--images, else every image of the stack.</param>
    public async Task RunAsync(string? fromTag, IReadOnlyList<string> images, CancellationToken ct)
    {
        if (fromTag is not { Length: > 0 }) throw new ArgumentException("TestGpu needs --from-tag TAG: the pushed images to test (e.g. --from-tag 2026.3-main).");
        ledger.CheckWikiLedger();
        var names = images.Count > 0 ? images : planning.Spec.Images.Select(i => i.Name).ToArray();
        var discovery = new TestDiscovery(planning.Spec);
        if (names.All(n => discovery.GpuFor(n).Count == 0))
        {
            log.WriteLine("TestGpu: no image has gpu_tests; nothing to run.");
            return;
        }
        await folderLock.HoldAsync(ct);
        using var docker = await DockerEngine.ConnectAsync(Environment.GetEnvironmentVariable("DOCKER_HOST"), ct);
        var paths = new ArtifactPaths(artifactsFolder);
        var results = await new GpuTestRunner(docker, discovery, log, TimeProvider.System).RunAsync(planning.Spec, names, fromTag,
            logins.ForPush(), paths, TimeSpan.FromMinutes(10), ct);
        foreach (var r in results) JUnitWriter.Write(ImageFactsCollector.GpuJUnit(paths, r.Image), r.Image + " (gpu)", r.Tests);
        ledger.RecordRun(ledger.NewEntry(LedgerKinds.GpuTest, await RecordsAsync(results, ct)) with { FromTag = fromTag });
        if (results.Any(r => !r.Passed))
            throw new InvalidOperationException("GPU tests failed: " + string.Join("; ", results.Where(r => !r.Passed).Select(r => $"{r.Image}: {r.Reason}")));
    }

    async Task<IReadOnlyList<LedgerImage>> RecordsAsync(IReadOnlyList<GpuTestResult> results, CancellationToken ct)
    {
        using var access = new RegistryAccess(logins.For);
        var registry = access.Client();
        var images = new List<LedgerImage>();
        foreach (var r in results)
            images.Add(LedgerImage.Of(planning.Spec[r.Image], r.Passed ? ImageStatus.Passed : ImageStatus.Failed) with
            {
                Reference = r.Reference, Digest = await registry.ManifestExistsAsync(r.Reference, ct),
                Reason = r.Reason, DurationS = r.Duration.TotalSeconds,
            });
        return images;
    }
}
