using System.Text;
using System.Text.Json;

namespace Cascade.Registry;

/// <summary>
/// Finds registry credentials: REGISTRY_USERNAME / REGISTRY_PASSWORD (limited to REGISTRY_SERVER when
/// that is set), else the <c>auths</c> section of the user's ~/.docker/config.json. The environment
/// comes in as a function so nothing is read behind the caller's back. Credential helpers
/// (credsStore/credHelpers) are not consulted.
/// </summary>
internal sealed class CredentialStore(Func<string, string?> environment, string? dockerConfigPath)
{
    public const string UsernameVariable = "REGISTRY_USERNAME";
    public const string PasswordVariable = "REGISTRY_PASSWORD";
    public const string ServerVariable = "REGISTRY_SERVER";

    /// <summary>The store <paramref name="environment"/> describes: its variables, and the config.json `docker login`
    /// writes, in $DOCKER_CONFIG or else ~/.docker (the one place that lookup is made).</summary>
    public static CredentialStore FromEnvironment(Func<string, string?> environment)
    {
        var configFolder = environment("DOCKER_CONFIG") is { Length: > 0 } folder
            ? folder
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".docker");
        return new CredentialStore(environment, Path.Combine(configFolder, "config.json"));
    }

    /// <summary>Credentials for <paramref name="registry"/> (a host such as ghcr.io or 127.0.0.1:5000), or null.</summary>
    public RegistryCredentials? Find(string registry)
    {
        var host = NormalizeHost(registry);
        var user = environment(UsernameVariable);
        var password = environment(PasswordVariable);
        var server = environment(ServerVariable);
        if (!string.IsNullOrEmpty(user) && !string.IsNullOrEmpty(password)
            && (string.IsNullOrEmpty(server) || NormalizeHost(server) == host))
            return new RegistryCredentials(host, user, password);
        return FromDockerConfig(host);
    }

    private RegistryCredentials? FromDockerConfig(string host)
    {
        if (dockerConfigPath is null || !File.Exists(dockerConfigPath)) return null;
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(File.ReadAllText(dockerConfigPath));
        }
        catch (JsonException e)
        {
            // The position, never the content: the file holds secrets.
            throw new InvalidDataException($"{dockerConfigPath}: not valid JSON (line {e.LineNumber + 1}). Fix or remove the file.");
        }
        using (doc)
        {
            if (!doc.RootElement.TryGetProperty("auths", out var auths) || auths.ValueKind != JsonValueKind.Object)
                return null;
            foreach (var entry in auths.EnumerateObject())
            {
                if (NormalizeHost(entry.Name) != host) continue;
                if (!entry.Value.TryGetProperty("auth", out var auth) || auth.GetString() is not { Length: > 0 } encoded)
                    continue;
                string decoded;
                try { decoded = Encoding.UTF8.GetString(Convert.FromBase64String(encoded)); }
                catch (FormatException)
                {
                    throw new InvalidDataException($"{dockerConfigPath}: auths.\"{entry.Name}\".auth is not base64 of user:password. Run `docker login {host}` again.");
                }
                var colon = decoded.IndexOf(':');
                if (colon <= 0)
                    throw new InvalidDataException($"{dockerConfigPath}: auths.\"{entry.Name}\".auth is not base64 of user:password. Run `docker login {host}` again.");
                return new RegistryCredentials(host, decoded[..colon], decoded[(colon + 1)..]);
            }
        }
        return null;
    }

    /// <summary>"https://index.docker.io/v1/" → docker.io; "https://ghcr.io" → ghcr.io; "Host:5000/" → host:5000.</summary>
    internal static string NormalizeHost(string server)
    {
        var host = server.Trim();
        var scheme = host.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0) host = host[(scheme + 3)..];
        var slash = host.IndexOf('/');
        if (slash >= 0) host = host[..slash];
        host = host.ToLowerInvariant();
        return host is "index.docker.io" or "registry-1.docker.io" or "registry.hub.docker.com" ? ImageReference.DockerHub : host;
    }
}
