using Cascade.Changes.Fingerprints;
using Cascade.Docker;
using Cascade.Registry;
using Cascade.Stacks;

namespace Cascade.Pipeline;

/// <summary>
/// One image's way through a run: reuse or build → test → push, stopping at the requested stage, at the
/// first failure, or on cancellation. An image whose fingerprint tag exists is reused: tagged, not built, and
/// tested again unless the registry records that this very digest passed its current tests (its test
/// fingerprint); tags move in the registry only after the tests passed, and the push records that they did.
/// Never throws for a failing image: the outcome is in the result.
/// </summary>
internal sealed partial class ImagePipeline(IDockerEngine docker, ImageLookup lookup, BuildInputs inputs, ImageTester tester,
    IRunReporter reporter, TimeProvider clock, RegistryClient? registry = null)
{
    private readonly TestRecords records = new(registry);
    private readonly LayerCacheSeeder seeder = new(docker, registry);
    private readonly ExternalBasePulls bases = new(docker);

    public Task<ImageResult> RunAsync(ImageSpec image, IReadOnlyList<ParentImage> parents, RunContext run, CancellationToken ct) =>
        image.Platforms.Count == 0 ? RunOneAsync(image, parents, run, ct, found: null)
        : run.Platform is null ? RunPlatformsAsync(image, parents, run, ct)
        : RunOnePlatformAsync(image, parents, run, ct);

    /// <param name="found">Told what reuse found, for the multi-platform push that follows (ImagePipeline.Platforms.cs).</param>
    private async Task<ImageResult> RunOneAsync(ImageSpec image, IReadOnlyList<ParentImage> parents, RunContext run, CancellationToken ct,
        Action<ExistingImage>? found)
    {
        var one = new ImageProgress(image, run, clock);
        try
        {
            run.Paths.ClearStages(image.Name, run.Options);
            if (await ReuseOrBuildAsync(one, parents, found, ct) is { } notBuilt) return one.Failed(notBuilt);
            if (run.Options.UpTo == PipelineStage.Build) return one.Succeeded();
            one.Stage = PipelineStage.Test;
            if (await TestStageAsync(one, ct) is { } testFailure) return one.Failed(testFailure);
            if (run.Options.UpTo == PipelineStage.Test) return one.Succeeded();
            if (!run.HasRegistry(image)) return one.Succeeded("not pushed: no registry configured");
            one.Stage = PipelineStage.Push;
            var recorded = one.RecordsTests ? run.TestFingerprintOf(image) : null;
            var pushFailure = await PushAsync(image, run, one.Tags, one.Existing, recorded, ct, pushed => one.Digest = pushed);
            return pushFailure is null ? one.Succeeded() : one.Failed(pushFailure);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return one.Failed(DagScheduler.CancelledReason);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // An engine fault (daemon gone, disk full) fails this image, not the whole run.
            return one.Failed($"{one.Stage.ToText()} error: {e.Message}");
        }
    }

    /// <summary>Reuses the image that has its fingerprint, or builds it. Returns the failure, or null.</summary>
    private async Task<string?> ReuseOrBuildAsync(ImageProgress one, IReadOnlyList<ParentImage> parents, Action<ExistingImage>? found,
        CancellationToken ct)
    {
        var (image, run) = (one.Image, one.Run);
        // With Build skipped (--skip), the image must exist already, reuse or not.
        var skipsBuild = run.Options.Skips(PipelineStage.Build);
        one.Existing = run.Options.NoReuse && !skipsBuild ? ExistingImage.None : await lookup.FindAsync(image, run, ct);
        found?.Invoke(one.Existing);
        if (one.Existing.Found)
        {
            await ReuseAsync(one, ct);
            return null;
        }
        if (skipsBuild) return NotBuiltReason(one.FingerprintReference);
        reporter.StageStarted(image.Name, one.Stage);
        var built = await BuildAsync(image, parents, run, one.Tags, ct, one.Note);
        if (!built.Succeeded) return built.Error ?? "build failed";
        one.ImageId = built.ImageId;
        if (!run.IsCommitsImage(image) && run.Options.Commit is not null)
            one.Note("not tagged sha-…: built from uncommitted changes, so it is not that commit's image");
        return null;
    }

    private async Task ReuseAsync(ImageProgress one, CancellationToken ct)
    {
        one.ImageId = one.Existing.LocalId;
        // Its children's base label, and their cache's check of it, need the manifest digest it has there.
        one.Digest = one.Existing.RegistryDigest;
        if (one.Existing.LocalId is not null) await lookup.TagLocallyAsync(one.FingerprintReference, one.Tags, ct);
        one.Note($"reused {one.Run.FingerprintOf(one.Image).Tag} from {one.Existing.Where}");
    }

    /// <summary>Tests the image, unless the run leaves Test out or the registry records that this digest passed these
    /// tests. Returns the first failure, or null.</summary>
    private async Task<string?> TestStageAsync(ImageProgress one, CancellationToken ct)
    {
        var (image, run) = (one.Image, one.Run);
        var testFingerprint = run.TestFingerprintOf(image);
        one.RecordsTests = run.Options.Skips(PipelineStage.Test) && run.Options.PassedTests == testFingerprint.Value;
        if (one.RecordsTests) one.PassedTests = testFingerprint.Value;
        if (run.Options.Skips(PipelineStage.Test)) return null;
        if (await TrustedAsync(image, run, one.Existing, testFingerprint, ct))
            one.Note($"its tests ({testFingerprint.Short}) passed on this digest before");
        else if (await RunTestsAsync(one, testFingerprint, ct) is { } failure)
            return failure;
        one.PassedTests = testFingerprint.Value;
        return null;
    }

    private async Task<string?> RunTestsAsync(ImageProgress one, TestFingerprint testFingerprint, CancellationToken ct)
    {
        var (image, run) = (one.Image, one.Run);
        reporter.StageStarted(image.Name, PipelineStage.Test);
        // Found only in the registry: the tests need it here.
        if (one.Existing is { Found: true, LocalId: null } && tester.HasTests(image))
            one.ImageId = await lookup.PullAsync(one.FingerprintReference, one.Tags, run.Platform, run.Options.Credentials, ct);
        one.Tests = await tester.RunAsync(image, run.ExactReference(image), run.Platform, run.Spec, run.Options, run.Paths, run.Redactor, ct);
        reporter.StageFinished(image.Name, PipelineStage.Test, one.Tests.FirstFailure is null, null);
        if (one.Tests.FirstFailure is { } failed) return failed.Failure;
        if (one.Existing.InRegistry && !run.Options.Retest.Contains(image.Name))
            one.Note($"tested again: no record that this digest passed its tests ({testFingerprint.Short})");
        one.RecordsTests = true;
        return null;
    }

    /// <summary>A reused image is trusted without testing only when the registry records that this very digest
    /// passed these tests, and the run does not ask for them anyway (an image target's own image).</summary>
    private async Task<bool> TrustedAsync(ImageSpec image, RunContext run, ExistingImage existing, TestFingerprint tests, CancellationToken ct) =>
        existing.RegistryDigest is { } found && !run.Options.Retest.Contains(image.Name)
        && await records.PassedAsync(image, tests, found, ct);

    /// <summary>Pushes every tag, or — for an image the registry already has — points the tags at its
    /// manifest registry-side; then, when <paramref name="passed"/> (its tests passed in this run, or in the attempt
    /// this --continue goes on from), records that the pushed digest passed them. Returns the failure, or null.</summary>
    private async Task<string?> PushAsync(ImageSpec image, RunContext run, IReadOnlyList<string> tags, ExistingImage existing,
        TestFingerprint? passed, CancellationToken ct, Action<string> pushed)
    {
        reporter.StageStarted(image.Name, PipelineStage.Push);
        var pushLog = run.Paths.PushLog(image.Name);
        try
        {
            await using var log = OpenLog(pushLog, run);
            string digest;
            if (existing.InRegistry)
            {
                log.WriteLine($"{run.FingerprintReference(image)} is in the registry: tagging it there as {string.Join(", ", tags)} (no layer moves)");
                digest = await lookup.TagInRegistryAsync(run.FingerprintReference(image), tags, ct);
            }
            else
            {
                string? first = null;
                foreach (var tag in tags)
                {
                    var pushedDigest = await docker.PushAsync(tag, run.Options.Credentials, log, ct);
                    first ??= pushedDigest;
                }
                digest = first!;
            }
            pushed(digest);
            if (passed is not null && await records.RecordAsync(image, passed, digest, ct))
                log.WriteLine($"Recorded that {digest} passed its tests ({passed.Short}) as {passed.RecordTag(digest)}");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            reporter.StageFinished(image.Name, PipelineStage.Push, false, pushLog);
            return "push failed: " + e.Message;
        }
        reporter.StageFinished(image.Name, PipelineStage.Push, true, pushLog);
        return null;
    }

    private static string NotBuiltReason(string reference) =>
        $"not built: Build was skipped (--skip) and neither the Docker daemon nor the registry has {reference}; run Build first, or drop --skip";

    private static TextWriter OpenLog(string path, RunContext run)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var file = new StreamWriter(path, append: false) { AutoFlush = true };
        return TextWriter.Synchronized(run.Redactor.Wrap(file));
    }
}
