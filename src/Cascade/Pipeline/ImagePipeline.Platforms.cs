using Cascade.Registry;
using Cascade.Stacks;

namespace Cascade.Pipeline;

/// <summary>
/// An image with `platforms:`: each platform's image goes reuse-or-build → test on its own (its own fingerprint,
/// tags `tag-os-arch`, parents of that platform, containers of that platform). Only when every platform passed
/// are they pushed and one index written under the shared tags, so a tag never names half an image; when each
/// platform's image passed its tests, so did the index, and the registry records that too.
/// </summary>
internal sealed partial class ImagePipeline
{
    private sealed record PlatformRun(RunContext Run, ImageResult Result, ExistingImage Existing);

    private async Task<ImageResult> RunPlatformsAsync(ImageSpec image, IReadOnlyList<ParentImage> parents, RunContext run, CancellationToken ct)
    {
        var started = clock.GetTimestamp();
        var untilTest = run with { Options = run.Options with { UpTo = run.Options.UpTo < PipelineStage.Test ? run.Options.UpTo : PipelineStage.Test } };
        var platforms = new List<PlatformRun>(image.Platforms.Count);
        string? nativeId = null;
        // Every platform runs even when one fails, so the results say which platforms fail.
        foreach (var platform in image.Platforms)
        {
            if (ct.IsCancellationRequested) break;
            var scoped = untilTest.ForPlatform(platform);
            var existing = ExistingImage.None;
            var result = await RunOneAsync(image, ParentsFor(scoped, parents), scoped, ct, e => existing = e);
            platforms.Add(new PlatformRun(scoped, result with { Platform = platform }, existing));
        }

        ImageResult Whole(ImageStatus status, PipelineStage? stage, string? reason, string? digest = null) => new()
        {
            Name = image.Name, Status = status, Stage = stage, Reason = reason is null ? null : run.Redactor.Redact(reason),
            Reference = run.ExactReference(image), Digest = digest, Duration = clock.GetElapsedTime(started),
            ImageId = nativeId,
            Fingerprint = run.FingerprintOf(image).Value, PlatformResults = platforms.ConvertAll(p => p.Result),
            // The whole image passed its tests when each platform's did.
            TestFingerprint = platforms.Count > 0 && platforms.All(p => p.Result.TestFingerprint is not null) ? platforms[0].Result.TestFingerprint : null,
        };

        if (platforms.Count < image.Platforms.Count) return Whole(ImageStatus.Failed, platforms.LastOrDefault()?.Result.Stage, DagScheduler.CancelledReason);
        if (platforms.FirstOrDefault(p => !p.Result.IsAvailable) is { } failed)
            return Whole(ImageStatus.Failed, failed.Result.Stage, $"{failed.Result.Platform}: {failed.Result.Reason}");
        var status = platforms.All(p => p.Result.Status == ImageStatus.Reused) ? ImageStatus.Reused : ImageStatus.Succeeded;
        nativeId = await TagNativeAsync(image, run, platforms, ct);
        if (run.Options.UpTo < PipelineStage.Push) return Whole(status, run.Options.UpTo, null);
        if (!run.HasRegistry(image)) return Whole(status, PipelineStage.Test, "not pushed: no registry configured");

        var (pushFailure, digest) = await PushPlatformsAsync(image, run, platforms, ct);
        return pushFailure is null ? Whole(status, PipelineStage.Push, null, digest) : Whole(ImageStatus.Failed, PipelineStage.Push, pushFailure);
    }

    /// <summary>A run of one platform only (--platform, one runner per platform): that platform's image, pushed under
    /// its own tags; the index is PushIndex's work once every platform's runner is done. The result has the
    /// platform's row, as a run of every platform would.</summary>
    private async Task<ImageResult> RunOnePlatformAsync(ImageSpec image, IReadOnlyList<ParentImage> parents, RunContext run, CancellationToken ct)
    {
        var result = await RunOneAsync(image, parents, run, ct, found: null) with { Platform = run.Platform };
        return result with { Tests = null, PlatformResults = [result] };
    }

    /// <summary>A platform's build starts FROM each parent's image of that platform (validation made sure it has one).</summary>
    private static List<ParentImage> ParentsFor(RunContext scoped, IReadOnlyList<ParentImage> parents) =>
        parents.Select(p => scoped.Spec[p.Name].Platforms.Contains(scoped.Platform!)
            ? p with { Reference = scoped.FingerprintReference(scoped.Spec[p.Name]), Digest = null }
            : p).ToList();

    /// <summary>The shared tags, locally, name the daemon's own platform's image (when it is one of them): what
    /// `docker run repo:tag` on this machine and a child without platforms expect. Returns that image's id.</summary>
    private async Task<string?> TagNativeAsync(ImageSpec image, RunContext run, List<PlatformRun> platforms, CancellationToken ct)
    {
        var daemon = await docker.DaemonPlatformAsync(ct);
        if (platforms.FirstOrDefault(p => p.Run.Platform == daemon && p.Result.ImageId is not null) is not { } native) return null;
        await lookup.TagLocallyAsync(native.Run.FingerprintReference(image), run.Tags(image), ct);
        return native.Result.ImageId;
    }

    /// <summary>Each platform's image under its own tags, then the index under the shared ones (and the image's
    /// fingerprint tag, so the whole image is found by it too). Returns the failure, or the index digest.</summary>
    private async Task<(string? Failure, string? Digest)> PushPlatformsAsync(ImageSpec image, RunContext run, List<PlatformRun> platforms, CancellationToken ct)
    {
        for (var i = 0; i < platforms.Count; i++)
        {
            var (scoped, result, existing) = platforms[i];
            string? digest = null;
            // Recorded again when the registry had it already: one small manifest PUT that changes nothing.
            var failure = await PushAsync(image, scoped, scoped.Tags(image), existing,
                result.TestFingerprint is null ? null : scoped.TestFingerprintOf(image), ct, pushed => digest = pushed);
            platforms[i] = platforms[i] with { Result = result with { Digest = digest, Stage = failure is null ? PipelineStage.Push : result.Stage } };
            if (failure is not null) return ($"{scoped.Platform}: {failure}", null);
        }
        if (registry is null) return ("push failed: a multi-platform index is written through the registry API, and this run has no registry client", null);

        reporter.StageStarted(image.Name, PipelineStage.Push);
        var indexLog = run.Paths.PushLog(image.Name);
        try
        {
            await using var log = OpenLog(indexLog, run);
            var digest = await new PlatformIndex(registry).WriteAsync(image, run, log, ct);
            if (platforms.All(p => p.Result.TestFingerprint is not null))
                await records.RecordAsync(image, run.TestFingerprintOf(image), digest, ct);
            reporter.StageFinished(image.Name, PipelineStage.Push, true, indexLog);
            return (null, digest);
        }
        catch (Exception e) when (e is RegistryException or HttpRequestException)
        {
            reporter.StageFinished(image.Name, PipelineStage.Push, false, indexLog);
            return ("writing the multi-platform index failed: " + e.Message, null);
        }
    }
}
