using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Cascade.Tests.Support;

/// <summary>
/// A real OCI registry (`docker-registry serve`) on a free 127.0.0.1 port with a temporary storage
/// folder; killed and deleted on dispose. The daemon treats 127.0.0.0/8 as insecure, so plain http works
/// for pushes too. Use as an xUnit class fixture: <c>IClassFixture&lt;RegistryFixture&gt;</c>.
/// </summary>
public sealed class RegistryFixture : IDisposable
{
    private readonly Process _process;
    private readonly string _folder;

    public RegistryFixture()
    {
        _folder = Directory.CreateTempSubdirectory("cascade-registry-").FullName;
        Port = FreePort();
        var config = Path.Combine(_folder, "config.yml");
        File.WriteAllText(config, $"""
            version: 0.1
            log:
              level: warn
            storage:
              filesystem:
                rootdirectory: {Path.Combine(_folder, "data")}
              delete:
                enabled: true
            http:
              addr: 127.0.0.1:{Port}
            """);
        var start = new ProcessStartInfo("/usr/bin/docker-registry", ["serve", config])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("docker-registry did not start");
        // Drain its output so a chatty registry never blocks on a full pipe.
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        WaitUntilReady();
    }

    public int Port { get; }

    /// <summary>"127.0.0.1:PORT", the registry part of an image reference.</summary>
    public string Host => $"127.0.0.1:{Port}";

    public Uri BaseUri => new($"http://{Host}/");

    private void WaitUntilReady()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(1) };
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"docker-registry exited with code {_process.ExitCode}");
            try
            {
                if (http.GetAsync(new Uri(BaseUri, "v2/")).GetAwaiter().GetResult().StatusCode == HttpStatusCode.OK)
                    return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            Thread.Sleep(100);
        }
        Dispose();
        throw new TimeoutException("docker-registry did not answer on /v2/ within 15 s");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException) { }
        _process.Dispose();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
