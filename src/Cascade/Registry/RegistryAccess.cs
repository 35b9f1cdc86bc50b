namespace Cascade.Registry;

/// <summary>
/// How Cascade reaches registries, decided once: one HTTP client per use (its connections shared by every request
/// of it), one timeout rule (<see cref="RequestTimeout"/> per request; a caller with a shorter limit for a whole job
/// passes a cancellation token), and one credential rule (<see cref="RegistryLogins"/>: each host gets its own
/// login). Every <see cref="HttpClient"/> the product makes comes from here.
/// </summary>
internal sealed class RegistryAccess(Func<string, RegistryCredentials?> credentialsFor) : IDisposable
{
    /// <summary>A request (a manifest, a tag list, a config blob: none is large) that has not answered in this long has
    /// failed; <see cref="RegistryClient"/> retries it like any transient failure.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromMinutes(2);

    private readonly HttpClient http = NewHttpClient();

    public RegistryClient Client(TimeSpan? retryDelay = null) => new(http, credentialsFor, retryDelay);

    /// <summary>The client policy: .NET's default handler (it never forwards Authorization on a redirect to
    /// another host) and the one request timeout.</summary>
    public static HttpClient NewHttpClient() => new() { Timeout = RequestTimeout };

    public void Dispose() => http.Dispose();
}

/// <summary>
/// The credential rule: the username and password parameters are the login of the push registry alone; every host
/// (the push registry too, without them) gets what the environment and docker's config.json hold for it. A host is
/// never sent another host's login.
/// </summary>
internal sealed record RegistryLogins(string? PushHost, string? Username, string? Password, Func<string, string?> Environment)
{
    public RegistryCredentials? For(string host)
    {
        var isPushHost = string.Equals(host, PushHost, StringComparison.OrdinalIgnoreCase);
        string? Lookup(string name) => name switch
        {
            CredentialStore.UsernameVariable => isPushHost ? Username : null,
            CredentialStore.PasswordVariable => isPushHost ? Password : null,
            _ => Environment(name),
        };
        return CredentialStore.FromEnvironment(Lookup).Find(host);
    }

    /// <summary>The push registry's login, for the Docker engine (which takes one login per push or pull).</summary>
    public RegistryCredentials? ForPush() => PushHost is { } host ? For(host) : null;
}
