using System.Formats.Tar;
using System.Text;
using Docker.DotNet;
using Docker.DotNet.Models;
using Platform = Cascade.Stacks.Platform;

namespace Cascade.Docker;

internal sealed partial class DockerEngine
{
    /// <summary>Where test files are copied inside the container.</summary>
    public const string TestFolder = "/cascade-test";

    public Task<ContainerTestOutcome> RunTestFileAsync(string image, Platform? platform, string hostFile, TimeSpan timeout, CancellationToken ct) =>
        RunTestFileAsync(image, platform, hostFile, timeout, allGpus: false, ct);

    /// <summary>As <see cref="RunTestFileAsync(string,Platform?,string,TimeSpan,CancellationToken)"/>; with
    /// <paramref name="allGpus"/> the container asks the engine for every GPU (`docker run --gpus all`).</summary>
    public Task<ContainerTestOutcome> RunTestFileAsync(string image, Platform? platform, string hostFile, TimeSpan timeout, bool allGpus, CancellationToken ct)
    {
        var name = Path.GetFileName(hostFile);
        // Run the file itself (shebang decides the interpreter); an empty entrypoint so an
        // image's ENTRYPOINT (tini, start.sh) does not wrap or swallow the test.
        return RunInFreshContainerAsync(image, platform, [$"{TestFolder}/{name}"], name, allGpus ? AllGpus() : null, async (id, token) =>
        {
            await using var archive = await TestFileArchiveAsync(hostFile, name, token);
            await _client.Containers.ExtractArchiveToContainerAsync(id, new CopyToContainerParameters { Path = "/" }, archive, token);
        }, timeout, ct);
    }

    /// <summary>Runs `/bin/sh -c COMMAND` in a fresh container of <paramref name="image"/> (removed afterwards)
    /// and returns what it printed: how info_cmds document an image.</summary>
    public Task<ContainerTestOutcome> RunShellCommandAsync(string image, string command, TimeSpan timeout, CancellationToken ct) =>
        RunInFreshContainerAsync(image, null, ["/bin/sh", "-c", command], command, null, null, timeout, ct);

    /// <summary>`--gpus all`: one device request for every GPU, whatever the driver.</summary>
    public static HostConfig AllGpus() => new()
    {
        DeviceRequests = [new DeviceRequest { Driver = "", Count = -1, Capabilities = [["gpu"]] }],
    };

    private async Task<ContainerTestOutcome> RunInFreshContainerAsync(string image, Platform? platform, IList<string> cmd, string what,
        HostConfig? hostConfig, Func<string, CancellationToken, Task>? prepare, TimeSpan timeout, CancellationToken ct)
    {
        var started = _clock.GetTimestamp();
        string? containerId = null;
        try
        {
            var created = await _client.Containers.CreateContainerAsync(new CreateContainerParameters
            {
                Image = image,
                // The create call's `platform` query parameter (API 1.41): the daemon then runs the image under
                // that platform and refuses one of another platform instead of running it silently.
                Platform = platform?.ToString(),
                Entrypoint = [],
                Cmd = cmd,
                Labels = new Dictionary<string, string> { [OwnedLabel] = "true" },
                AttachStdout = true,
                AttachStderr = true,
                HostConfig = hostConfig,
            }, ct);
            containerId = created.ID;
            if (prepare is not null) await prepare(containerId, ct);

            await _client.Containers.StartContainerAsync(containerId, new ContainerStartParameters(), ct);

            int? exitCode = null;
            var timedOut = false;
            using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct))
            {
                deadline.CancelAfter(timeout);
                try
                {
                    var wait = await _client.Containers.WaitContainerAsync(containerId, deadline.Token);
                    exitCode = (int)wait.StatusCode;
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    timedOut = true;
                    await KillQuietlyAsync(containerId);
                }
            }

            var output = await ReadLogsAsync(containerId, ct);
            if (timedOut)
                output += $"{(output.Length == 0 || output.EndsWith('\n') ? "" : "\n")}[cascade] {what} timed out after {Stacks.Durations.Format(timeout)} and was killed.\n";
            return new ContainerTestOutcome(exitCode, timedOut, output, _clock.GetElapsedTime(started));
        }
        catch (DockerApiException e) when (!ct.IsCancellationRequested)
        {
            // The image is missing, the daemon refused to start it...: a failed test with the reason, not a crash.
            return new ContainerTestOutcome(null, false, $"[cascade] could not run {what} in {image}: {ApiMessage(e)}\n", _clock.GetElapsedTime(started))
            {
                EngineError = ApiMessage(e),
            };
        }
        finally
        {
            // Whatever happened, including cancellation: the container goes. Not cancellable on purpose.
            if (containerId is not null)
                await RemoveContainerQuietlyAsync(containerId);
        }
    }

    private static async Task<Stream> TestFileArchiveAsync(string hostFile, string name, CancellationToken ct)
    {
        // Small: the test file only. Mode 0755 so it runs whatever the checkout's bits are (Windows, zips).
        var buffer = new MemoryStream();
        await using (var tar = new TarWriter(buffer, TarEntryFormat.Pax, leaveOpen: true))
        {
            var exec = (UnixFileMode)0b111_101_101;
            await tar.WriteEntryAsync(new PaxTarEntry(TarEntryType.Directory, TestFolder.TrimStart('/') + "/") { Mode = exec }, ct);
            await using var data = File.OpenRead(hostFile);
            await tar.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, $"{TestFolder.TrimStart('/')}/{name}")
            {
                Mode = exec,
                DataStream = data,
                ModificationTime = DateTimeOffset.UnixEpoch,
            }, ct);
        }
        buffer.Position = 0;
        return buffer;
    }

    // Stdout and stderr in the order the daemon logged them, as one text (like a terminal shows it).
    private async Task<string> ReadLogsAsync(string containerId, CancellationToken ct)
    {
        using var logs = await _client.Containers.GetContainerLogsAsync(containerId,
            new ContainerLogsParameters { ShowStdout = true, ShowStderr = true, Follow = false }, ct);
        var collected = new MemoryStream();
        var buffer = new byte[81920];
        var truncated = false;
        while (true)
        {
            var read = await logs.ReadOutputAsync(buffer, 0, buffer.Length, ct);
            if (read.EOF) break;
            var room = _options.MaxTestOutputBytes - (int)collected.Length;
            if (room <= 0) { truncated = true; continue; }
            collected.Write(buffer, 0, Math.Min(room, read.Count));
            truncated |= read.Count > room;
        }
        var text = Encoding.UTF8.GetString(collected.GetBuffer(), 0, (int)collected.Length);
        return truncated ? text + $"\n[cascade] output cut at {_options.MaxTestOutputBytes} bytes.\n" : text;
    }

    private async Task KillQuietlyAsync(string containerId)
    {
        try { await _client.Containers.KillContainerAsync(containerId, new ContainerKillParameters(), CancellationToken.None); }
        catch (DockerApiException) { /* already exited between the timeout and the kill */ }
    }

    private async Task RemoveContainerQuietlyAsync(string containerId)
    {
        try
        {
            await _client.Containers.RemoveContainerAsync(containerId,
                new ContainerRemoveParameters { Force = true, RemoveVolumes = true }, CancellationToken.None);
        }
        catch (DockerContainerNotFoundException) { }
        catch (DockerApiException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound) { }
        // The daemon is removing it already (a stopped build's step container).
        catch (DockerApiException e) when (e.StatusCode == System.Net.HttpStatusCode.Conflict) { }
    }
}
