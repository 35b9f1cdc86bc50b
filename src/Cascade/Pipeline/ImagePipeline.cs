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

    public Task<ImageResult> RunAsync(ImageSpec image, IReadOnlyList<ParentImage> parents, RunContext run, CancellationToken ct) =>
        image.Platforms.Count == 0 ? RunOneAsync(image, parents, run, ct, found: null)
        : run.Platform is null ? RunPlatformsAsync(image, parents, run, ct)
        : RunOnePlatformAsync(image, parents, run, ct);

    /// <param name="found">Told what reuse found, for the multi-platform push that follows (ImagePipeline.Platforms.cs).</param>
    private async Task<ImageResult> RunOneAsync(ImageSpec image, IReadOnlyList<ParentImage> parents, RunContext run, CancellationToken ct,
        Action<ExistingImage>? found)
    {
        var started = clock.GetTimestamp();
        var tags = run.Tags(image);
        var reference = run.ExactReference(image);
        var fingerprintReference = run.FingerprintReference(image);
        var stage = run.Options.FirstStage;
        string? imageId = null, digest = null, note = null, passedTests = null;
        TestStageResult? tests = null;
        var existing = ExistingImage.None;

        ImageResult Result(ImageStatus status, PipelineStage? reached, string? reason)
        {
            if (status == ImageStatus.Succeeded && existing.Found) status = ImageStatus.Reused;
            reason ??= note;
            return new()
            {
                Name = image.Name, Status = status, Stage = reached, Reason = reason is null ? null : run.Redactor.Redact(reason),
                Reference = reference, Digest = digest, ImageId = imageId, Duration = clock.GetElapsedTime(started), Tests = tests,
                Fingerprint = run.FingerprintOf(image).Value, TestFingerprint = passedTests,
            };
        }

        try
        {
            run.Paths.ClearStages(image.Name, run.Options);
            // With Build skipped (--skip), the image must exist already, reuse or not.
            var skipsBuild = run.Options.Skips(PipelineStage.Build);
            existing = run.Options.NoReuse && !skipsBuild ? ExistingImage.None : await lookup.FindAsync(image, run, ct);
            found?.Invoke(existing);
            if (existing.Found)
            {
                imageId = existing.LocalId;
                // Its children's base label, and their cache's check of it, need the manifest digest it has there.
                digest = existing.RegistryDigest;
                if (existing.LocalId is not null) await lookup.TagLocallyAsync(fingerprintReference, tags, ct);
                note = $"reused {run.FingerprintOf(image).Tag} from {existing.Where}";
            }
            else if (skipsBuild)
            {
                return Result(ImageStatus.Failed, stage, NotBuiltReason(fingerprintReference));
            }
            else
            {
                reporter.StageStarted(image.Name, stage);
                var built = await BuildAsync(image, parents, run, tags, ct, noted => note = Notes(note, noted));
                if (!built.Succeeded) return Result(ImageStatus.Failed, stage, built.Error ?? "build failed");
                imageId = built.ImageId;
                if (!run.IsCommitsImage(image) && run.Options.Commit is not null)
                    note = Notes(note, "not tagged sha-…: built from uncommitted changes, so it is not that commit's image");
            }
            if (run.Options.UpTo == PipelineStage.Build) return Result(ImageStatus.Succeeded, stage, null);

            stage = PipelineStage.Test;
            var testFingerprint = run.TestFingerprintOf(image);
            // Whether the push records that its tests passed: they ran now, or before this --continue.
            var recordTests = run.Options.Skips(PipelineStage.Test) && run.Options.PassedTests == testFingerprint.Value;
            if (recordTests) passedTests = testFingerprint.Value;
            if (!run.Options.Skips(PipelineStage.Test))
            {
                if (await TrustedAsync(image, run, existing, testFingerprint, ct))
                    note = Notes(note, $"its tests ({testFingerprint.Short}) passed on this digest before");
                else
                {
                    reporter.StageStarted(image.Name, stage);
                    // Found only in the registry: the tests need it here.
                    if (existing is { Found: true, LocalId: null } && tester.HasTests(image))
                        imageId = await lookup.PullAsync(fingerprintReference, tags, run.Platform, run.Options.Credentials, ct);
                    tests = await tester.RunAsync(image, reference, run.Platform, run.Spec, run.Options, run.Paths, run.Redactor, ct);
                    reporter.StageFinished(image.Name, stage, tests.FirstFailure is null, null);
                    if (tests.FirstFailure is { } failed) return Result(ImageStatus.Failed, stage, failed.Failure);
                    if (existing.InRegistry && !run.Options.Retest.Contains(image.Name))
                        note = Notes(note, $"tested again: no record that this digest passed its tests ({testFingerprint.Short})");
                    recordTests = true;
                }
                passedTests = testFingerprint.Value;
            }
            if (run.Options.UpTo == PipelineStage.Test) return Result(ImageStatus.Succeeded, stage, null);

            if (!run.HasRegistry(image))
                return Result(ImageStatus.Succeeded, stage, "not pushed: no registry configured");
            stage = PipelineStage.Push;
            var pushFailure = await PushAsync(image, run, tags, existing, recordTests ? testFingerprint : null, ct, pushed => digest = pushed);
            return pushFailure is null ? Result(ImageStatus.Succeeded, stage, null) : Result(ImageStatus.Failed, stage, pushFailure);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return Result(ImageStatus.Failed, stage, DagScheduler.CancelledReason);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // An engine fault (daemon gone, disk full) fails this image, not the whole run.
            return Result(ImageStatus.Failed, stage, $"{stage.ToText()} error: {e.Message}");
        }
    }

    /// <summary>A reused image is trusted without testing only when the registry records that this very digest
    /// passed these tests, and the run does not ask for them anyway (an image target's own image).</summary>
    private async Task<bool> TrustedAsync(ImageSpec image, RunContext run, ExistingImage existing, TestFingerprint tests, CancellationToken ct) =>
        existing.RegistryDigest is { } found && !run.Options.Retest.Contains(image.Name)
        && await records.PassedAsync(image, tests, found, ct);

    private static string Notes(string? first, string second) => first is null ? second : first + "; " + second;

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
