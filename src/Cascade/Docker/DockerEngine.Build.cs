using Cascade.Contexts;
using Docker.DotNet;
using Docker.DotNet.Models;
using Platform = Cascade.Stacks.Platform;

namespace Cascade.Docker;

internal sealed partial class DockerEngine
{
    // The daemon's words when a step's image is of another platform than the build's.
    private const string PlatformMismatch = "does not match the specified platform";

    public async Task<BuildOutcome> BuildAsync(ImageBuildRequest request, TextWriter log, CancellationToken ct)
    {
        var daemon = await DaemonPlatformAsync(ct);
        BuildContext context;
        SentDockerfile sent;
        try
        {
            var folder = new BuildContext(request.ContextDirectory, request.Dockerfile);
            sent = SentDockerfile.Compose(folder.ReadDockerfile(), request, daemon);
            context = folder.Sending(sent.Text, sent.FileStepsAfter.Count > 0);
        }
        catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException)
        {
            log.WriteLine("ERROR: " + e.Message);
            return new BuildOutcome(false, null, e.Message, []);
        }
        foreach (var line in sent.FileStepsAfter)
            log.WriteLine($"{context.Dockerfile}:{line}: FROM scratch for {request.Platform}, sent with `{SentDockerfile.FileStep}` after it: " +
                          $"the classic builder would record a first step other than COPY or ADD as {daemon} and refuse the next one.");

        var (outcome, cacheMixup) = await BuildOnceAsync(context, sent, request, request.NoCache, log, ct);
        if (!cacheMixup) return outcome;
        // The classic builder's cache does not tell platforms apart: a FROM-scratch stage built for one platform
        // serves its layers to the next platform's build of the same context. Without the cache the layers are right.
        log.WriteLine($"The build cache gave layers of another platform to this {request.Platform} build; building again without the cache.");
        return (await BuildOnceAsync(context, sent, request, noCache: true, log, ct)).Outcome;
    }

    /// <returns>The outcome, and whether it failed on a platform mismatch after taking steps from the cache.</returns>
    private async Task<(BuildOutcome Outcome, bool CacheMixup)> BuildOnceAsync(BuildContext context, SentDockerfile sent,
        ImageBuildRequest request, bool noCache, TextWriter log, CancellationToken ct)
    {
        var parameters = new ImageBuildParameters
        {
            Dockerfile = context.Dockerfile,
            Tags = request.Tags.ToList(),
            BuildArgs = sent.BuildArgs.ToDictionary(),
            // The API's `platform` parameter: the classic builder resolves FROM and runs RUN for this platform
            // (under binfmt emulation where it is not the daemon's) and records it in the image's config.
            Platform = request.Platform?.ToString(),
            NoCache = noCache,
            // The daemon reads `cachefrom` as one JSON array; the library repeats the parameter once per item.
            CacheFrom = request.CacheFrom.Count > 0 ? [System.Text.Json.JsonSerializer.Serialize(request.CacheFrom)] : null,
            // No intermediate containers left behind, whether a step passes or fails.
            Remove = true,
            ForceRemove = true,
            // "1" is the classic builder: BuildKit over the bare API needs a session we do not run.
            Version = "1",
        };

        var reader = new BuildMessageReader(log, _clock);
        if (await StreamBuildAsync(context, parameters, request.Timeout, reader, log, ct) is { } failed)
            return (failed, false);
        bool Mixup() => reader.UsedCache && !noCache && request.Platform is not null;

        if (reader.Error is not null)
            return (new BuildOutcome(false, null, reader.Error, reader.Steps), Mixup() && reader.Error.Contains(PlatformMismatch, StringComparison.Ordinal));
        if (reader.ImageId is null)
            return (new BuildOutcome(false, null, "The build ended without reporting an image id.", reader.Steps), false);

        // "Successfully built" gives a short id; report the full one.
        var imageId = reader.ImageId.StartsWith("sha256:", StringComparison.Ordinal)
            ? reader.ImageId
            : await FindImageAsync(reader.ImageId, ct) ?? reader.ImageId;
        if (request.Platform is { } asked && await ImagePlatformAsync(imageId, ct) is { } built && built != asked)
            return (await WrongPlatformAsync(request, asked, built, reader, log), Mixup());
        return (new BuildOutcome(true, imageId, null, reader.Steps) { CachedSteps = reader.CachedSteps }, false);
    }

    /// <summary>Sends the context and reads the message stream; a failed outcome when the daemon refused or hung up.</summary>
    private async Task<BuildOutcome?> StreamBuildAsync(BuildContext context, ImageBuildParameters parameters, TimeSpan? timeout,
        BuildMessageReader reader, TextWriter log, CancellationToken ct)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        if (timeout is { } bound) limit.CancelAfter(bound);
        try
        {
            await using var tar = context.OpenTarStream(limit.Token);
            // The raw-stream overload on purpose: we read every message ourselves (it is "obsolete" only
            // because it returns before the build ends; reading to the end is the wait), and the typed
            // JSONMessage drops the plain "error" field that is the one signal of a failed build.
#pragma warning disable CS0618
            await using var messages = await _client.Images.BuildImageFromDockerfileAsync(tar, parameters, limit.Token);
#pragma warning restore CS0618
            await reader.ReadAllAsync(messages, limit.Token);
            return null;
        }
        catch (Exception) when (limit.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            // The time limit, not the user: hanging up stops the daemon's build; the step's container goes now.
            reader.Finish();
            await RemoveStepContainerAsync(reader);
            var message = $"build timed out after {Stacks.Durations.Format(timeout!.Value)}";
            log.WriteLine("ERROR: " + message);
            return new BuildOutcome(false, null, message, reader.Steps);
        }
        catch (Exception e) when (ct.IsCancellationRequested)
        {
            await RemoveStepContainerAsync(reader);
            if (e is OperationCanceledException) throw;
            throw new OperationCanceledException("The build was cancelled.", e, ct);
        }
        catch (DockerApiException e)
        {
            reader.Finish();
            var message = ApiMessage(e);
            log.WriteLine("ERROR: " + message);
            return new BuildOutcome(false, null, message, reader.Steps);
        }
        catch (Exception e) when (!ct.IsCancellationRequested && e is not OperationCanceledException)
        {
            // The context producer failed (an unreadable file) or the daemon hung up mid-build.
            reader.Finish();
            var message = Innermost(e).Message;
            log.WriteLine("ERROR: " + message);
            return new BuildOutcome(false, null, message, reader.Steps);
        }
    }

    /// <summary>The classic builder takes a local FROM image whatever its platform and keeps that platform: an arm64
    /// build FROM an amd64 parent silently makes an amd64 image. Its tags would claim the asked platform: they go.</summary>
    private async Task<BuildOutcome> WrongPlatformAsync(ImageBuildRequest request, Platform asked, Platform built,
        BuildMessageReader reader, TextWriter log)
    {
        var message = $"The image was built for {built}, not {asked}: its FROM image is {built}. Build it FROM the parent's {asked} image.";
        log.WriteLine("ERROR: " + message);
        foreach (var tag in request.Tags) await RemoveImageAsync(tag, CancellationToken.None);
        return new BuildOutcome(false, null, message, reader.Steps);
    }

    /// <summary>A stopped build's intermediate container: the daemon removes it too, a moment after the client
    /// hangs up; removing it here means it is gone when the image's result is reported.</summary>
    private Task RemoveStepContainerAsync(BuildMessageReader reader) =>
        reader.RunningContainer is { } container ? RemoveContainerQuietlyAsync(container) : Task.CompletedTask;

    /// <summary>The daemon's {"message": "..."} body, not the library's wrapper text.</summary>
    private static string ApiMessage(DockerApiException e)
    {
        try
        {
            using var doc = System.Text.Json.JsonDocument.Parse(e.ResponseBody ?? "");
            if (doc.RootElement.TryGetProperty("message", out var m) && m.GetString() is { Length: > 0 } text)
                return text;
        }
        catch (System.Text.Json.JsonException)
        {
        }
        return string.IsNullOrWhiteSpace(e.ResponseBody) ? e.Message : e.ResponseBody.Trim();
    }
}
