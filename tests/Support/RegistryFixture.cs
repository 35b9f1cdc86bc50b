using Cascade.Registry;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Cascade.Tests.Support;

/// <summary>
/// A real OCI registry (`docker-registry serve`) on a free 127.0.0.1 port with a temporary storage
/// folder; killed and deleted on dispose. The daemon treats 127.0.0.0/8 as insecure, so plain http works
/// for pushes too. Use as an xUnit class fixture: <c>IClassFixture&lt;RegistryFixture&gt;</c>; for a
/// registry that demands a login use <see cref="AuthenticatedRegistryFixture"/>.
/// </summary>
public class RegistryFixture : IDisposable
{
    private readonly Process _process;
    private readonly string _folder;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _log = new();

    /// <summary>Every line the registry printed so far (its access log: `"PUT /v2/x/manifests/t HTTP/1.1" 201`).</summary>
    public IReadOnlyList<string> LogLines => _log.ToArray();

    public RegistryFixture() : this(login: null)
    {
    }

    /// <param name="login">When set, the registry demands HTTP Basic auth (its <c>auth.htpasswd</c>
    /// backend) and accepts only this user and password; the htpasswd file is made with `htpasswd -Bbn`.</param>
    /// <param name="readOnly">When set, the registry answers reads but refuses every push (its maintenance
    /// read-only mode): a push that fails after the login succeeded.</param>
    protected RegistryFixture(HtpasswdLogin? login, bool readOnly = false)
    {
        Login = login;
        _folder = Directory.CreateTempSubdirectory("cascade-registry-").FullName;
        Port = Cascade.Benchmarks.ScratchRegistry.FreePort();
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
              maintenance:
                readonly:
                  enabled: {(readOnly ? "true" : "false")}
            http:
              addr: 127.0.0.1:{Port}
            {(login is null ? "" : AuthSection(login))}
            """);
        var start = new ProcessStartInfo("/usr/bin/docker-registry", ["serve", config])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("docker-registry did not start");
        // Drain its output so a chatty registry never blocks on a full pipe; keep it, for tests that read
        // the access log (which requests reached the registry).
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) _log.Enqueue(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _log.Enqueue(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        WaitUntilReady();
    }

    /// <summary>A user the registry accepts; <see cref="Realm"/> is what its Basic challenge names.</summary>
    public sealed record HtpasswdLogin(string Username, string Password)
    {
        public override string ToString() => $"HtpasswdLogin {{ Username = {Username}, Password = *** }}";
    }

    public const string Realm = "cascade-test-registry";

    // The registry's YAML config is indented by the raw string above; this keeps to its column 0.
    private string AuthSection(HtpasswdLogin login)
    {
        var htpasswd = Path.Combine(_folder, "htpasswd");
        File.WriteAllText(htpasswd, Htpasswd(login));
        return $"auth:\n  htpasswd:\n    realm: {Realm}\n    path: {htpasswd}";
    }

    /// <summary>One bcrypt line from the real tool (the registry accepts only bcrypt hashes).</summary>
    private static string Htpasswd(HtpasswdLogin login)
    {
        var start = new ProcessStartInfo("htpasswd", ["-Bbn", login.Username, login.Password])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("htpasswd is not installed (Debian: apt-get install apache2-utils).", e);
        }
        using (process)
        {
            var output = process.StandardOutput.ReadToEnd();
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0) throw new InvalidOperationException($"htpasswd failed ({process.ExitCode}): {error}");
            return output.Trim() + "\n";
        }
    }

    public int Port { get; }

    /// <summary>The one login the registry accepts, or null when it needs none.</summary>
    public HtpasswdLogin? Login { get; }

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
                // 401 is "up and asking for a login" on an authenticated registry.
                if (http.GetAsync(new Uri(BaseUri, "v2/")).GetAwaiter().GetResult().StatusCode is HttpStatusCode.OK or HttpStatusCode.Unauthorized)
                    return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            Thread.Sleep(100);
        }
        Dispose();
        throw new TimeoutException("docker-registry did not answer on /v2/ within 15 s");
    }

    public void Dispose()
    {
        GC.SuppressFinalize(this);
        Cascade.Benchmarks.ScratchRegistry.Stop(_process);
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}

/// <summary>A <see cref="RegistryFixture"/> that demands a login: user "cascade-ci" with a password made
/// fresh for each fixture (so a test can check that it leaks nowhere).</summary>
public sealed class AuthenticatedRegistryFixture()
    : RegistryFixture(new HtpasswdLogin("cascade-ci", $"pw-{Guid.NewGuid():N}!"))
{
    public string Username => Login!.Username;
    public string Password => Login!.Password;

    /// <summary>The right credentials, as Cascade takes them.</summary>
    internal Cascade.Registry.RegistryCredentials Credentials => new(Host, Username, Password);
}

/// <summary>A <see cref="RegistryFixture"/> that lets anyone in and refuses every push.</summary>
public sealed class ReadOnlyRegistryFixture() : RegistryFixture(login: null, readOnly: true);
