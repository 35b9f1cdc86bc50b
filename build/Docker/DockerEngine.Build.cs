using Docker.DotNet;
using Docker.DotNet.Models;

namespace Cascade.Docker;

public sealed partial class DockerEngine
{
    public async Task<BuildOutcome> BuildAsync(ImageBuildRequest request, TextWriter log, CancellationToken ct)
    {
        BuildContext context;
        try
        {
            context = new BuildContext(request.ContextDirectory, request.Dockerfile, request.Labels);
        }
        catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException)
        {
            log.WriteLine("ERROR: " + e.Message);
            return new BuildOutcome(false, null, e.Message, []);
        }

        var parameters = new ImageBuildParameters
        {
            Dockerfile = context.Dockerfile,
            Tags = request.Tags.ToList(),
            BuildArgs = new Dictionary<string, string>(request.BuildArgs),
            // No intermediate containers left behind, whether a step passes or fails.
            Remove = true,
            ForceRemove = true,
            // "1" is the classic builder: BuildKit over the bare API needs a session we do not run.
            Version = "1",
        };

        var reader = new BuildMessageReader(log, _clock);
        try
        {
            await using var tar = context.OpenTarStream(ct);
            // The raw-stream overload on purpose: we read every message ourselves (it is "obsolete" only
            // because it returns before the build ends; reading to the end is the wait), and the typed
            // JSONMessage drops the plain "error" field that is the one signal of a failed build.
#pragma warning disable CS0618
            await using var messages = await _client.Images.BuildImageFromDockerfileAsync(tar, parameters, ct);
#pragma warning restore CS0618
            await reader.ReadAllAsync(messages, ct);
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

        if (reader.Error is not null)
            return new BuildOutcome(false, null, reader.Error, reader.Steps);
        if (reader.ImageId is null)
            return new BuildOutcome(false, null, "The build ended without reporting an image id.", reader.Steps);

        // "Successfully built" gives a short id; report the full one.
        var imageId = reader.ImageId.StartsWith("sha256:", StringComparison.Ordinal)
            ? reader.ImageId
            : await FindImageAsync(reader.ImageId, ct) ?? reader.ImageId;
        return new BuildOutcome(true, imageId, null, reader.Steps);
    }

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
