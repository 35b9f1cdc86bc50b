using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Cascade.Benchmarks;

/// <summary>A throw-away `docker-registry serve` on a free loopback port with its storage in a temp folder
/// (the daemon treats 127.0.0.0/8 as insecure, so plain http works); killed and deleted on dispose.</summary>
internal sealed class ScratchRegistry : IDisposable
{
    public const string Executable = "/usr/bin/docker-registry";

    private readonly Process _process;
    private readonly string _folder;

    private ScratchRegistry(Process process, string folder, int port)
    {
        _process = process;
        _folder = folder;
        Host = $"127.0.0.1:{port}";
    }

    /// <summary>"127.0.0.1:PORT".</summary>
    public string Host { get; }

    public static async Task<ScratchRegistry> StartAsync(CancellationToken ct)
    {
        if (!File.Exists(Executable))
            throw new BenchmarkException($"{Executable} is missing: the promotion benchmark runs its own registry (apt-get install docker-registry).");
        var folder = Directory.CreateTempSubdirectory("cascade-bench-registry-").FullName;
        var port = FreePort();
        var config = Path.Combine(folder, "config.yml");
        await File.WriteAllTextAsync(config,
            $"version: 0.1\nlog:\n  level: error\n  accesslog:\n    disabled: true\nstorage:\n  filesystem:\n    rootdirectory: {folder}/data\n" +
            $"http:\n  addr: 127.0.0.1:{port}\n", ct);
        var process = Process.Start(new ProcessStartInfo(Executable, ["serve", config])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        }) ?? throw new BenchmarkException("docker-registry did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var registry = new ScratchRegistry(process, folder, port);
        await registry.WaitUntilReadyAsync(ct);
        return registry;
    }

    private async Task WaitUntilReadyAsync(CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(1) };
        for (var attempt = 0; attempt < 150; attempt++)
        {
            if (_process.HasExited) throw new BenchmarkException($"docker-registry exited with code {_process.ExitCode}");
            try
            {
                if ((await http.GetAsync($"http://{Host}/v2/", ct)).StatusCode == HttpStatusCode.OK) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested) { }
            await Task.Delay(100, ct);
        }
        Dispose();
        throw new BenchmarkException("docker-registry did not answer on /v2/ within 15 s");
    }

    /// <summary>A loopback port nobody listens on right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        Stop(_process);
        TempRepository.DeleteFolder(_folder);
    }

    /// <summary>Kills a registry process this program started (and only that one) and waits for it to go.</summary>
    public static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException) { }
        process.Dispose();
    }
}
