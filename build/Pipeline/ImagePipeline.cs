using Cascade.Docker;
using Cascade.Stacks;

namespace Cascade.Pipeline;

/// <summary>
/// One image's way through a run: build → test → push, stopping at the requested stage, at the first
/// failure, or on cancellation. Never throws for a failing image: the outcome is in the result.
/// </summary>
public sealed class ImagePipeline(IDockerEngine docker, BuildInputs inputs, ImageTester tester, IRunReporter reporter, TimeProvider clock)
{
    public async Task<ImageResult> RunAsync(ImageSpec image, IReadOnlyList<ParentImage> parents, RunContext run, CancellationToken ct)
    {
        var started = clock.GetTimestamp();
        var tags = run.Tags(image);
        var reference = run.ExactReference(image);
        var stage = run.Options.FirstStage;
        string? imageId = null, digest = null;

        ImageResult Result(ImageStatus status, PipelineStage? reached, string? reason) => new()
        {
            Name = image.Name, Status = status, Stage = reached, Reason = reason is null ? null : run.Redactor.Redact(reason),
            Reference = reference, Digest = digest, ImageId = imageId, Duration = clock.GetElapsedTime(started),
        };

        try
        {
            run.Paths.ClearStages(image.Name, run.Options);

            // Build, unless --skip took it out: then the image this run's tags name must exist already.
            if (run.Options.Skips(PipelineStage.Build))
            {
                imageId = await docker.FindImageAsync(reference, ct);
                if (imageId is null) return Result(ImageStatus.Failed, stage, NotBuiltReason(reference));
            }
            else
            {
                reporter.StageStarted(image.Name, stage);
                var buildLog = run.Paths.BuildLog(image.Name);
                BuildOutcome built;
                await using (var log = OpenLog(buildLog, run))
                {
                    var request = new ImageBuildRequest(
                        Path.Combine(run.Spec.Directory, image.Context), image.Dockerfile, tags,
                        inputs.BuildArgs(image, parents), inputs.Labels(image, run.Options, parents)) { Timeout = image.Timeout };
                    built = await docker.BuildAsync(request, log, ct);
                }
                reporter.StageFinished(image.Name, stage, built.Succeeded, buildLog);
                if (!built.Succeeded) return Result(ImageStatus.Failed, stage, built.Error ?? "build failed");
                imageId = built.ImageId;
            }
            if (run.Options.UpTo == PipelineStage.Build) return Result(ImageStatus.Succeeded, stage, null);

            // Test, unless --skip took it out
            if (!run.Options.Skips(PipelineStage.Test))
            {
                stage = PipelineStage.Test;
                reporter.StageStarted(image.Name, stage);
                var failure = await tester.RunAsync(image, reference, run.Spec, run.Options, run.Paths, run.Redactor, ct);
                reporter.StageFinished(image.Name, stage, failure is null, null);
                if (failure is not null) return Result(ImageStatus.Failed, stage, failure);
            }
            if (run.Options.UpTo == PipelineStage.Test) return Result(ImageStatus.Succeeded, stage, null);

            // Push
            if (!run.HasRegistry(image))
                return Result(ImageStatus.Succeeded, stage, "not pushed: no registry configured");
            stage = PipelineStage.Push;
            reporter.StageStarted(image.Name, stage);
            var pushLog = run.Paths.PushLog(image.Name);
            try
            {
                await using var log = OpenLog(pushLog, run);
                foreach (var tag in tags)
                {
                    var pushed = await docker.PushAsync(tag, run.Options.Credentials, log, ct);
                    digest ??= pushed;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                reporter.StageFinished(image.Name, stage, false, pushLog);
                return Result(ImageStatus.Failed, stage, "push failed: " + e.Message);
            }
            reporter.StageFinished(image.Name, stage, true, pushLog);
            return Result(ImageStatus.Succeeded, stage, null);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return Result(ImageStatus.Failed, stage, "cancelled");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // An engine fault (daemon gone, disk full) fails this image, not the whole run.
            return Result(ImageStatus.Failed, stage, $"{stage.ToText()} error: {e.Message}");
        }
    }

    private static string NotBuiltReason(string reference) =>
        $"not built: Build was skipped (--skip) and the Docker daemon has no {reference}; run Build first, or drop --skip";

    private static TextWriter OpenLog(string path, RunContext run)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var file = new StreamWriter(path, append: false) { AutoFlush = true };
        return TextWriter.Synchronized(run.Redactor.Wrap(file));
    }
}
