using Cascade.Stacks;

namespace Cascade.Registry;

/// <summary>The logins a run uses: --registry-username/--registry-password (REGISTRY_USERNAME/REGISTRY_PASSWORD) for
/// the registry the stack pushes to, docker's config.json for every host it names (an external base's too).</summary>
sealed class RegistryLogins(string? pushHost, string? username, string? password, Func<string, string?> environment)
{
    /// <summary>The logins of a stack: its push registry is the spec's `registry`, else its first image's.</summary>
    public static RegistryLogins Of(StackSpec spec, string? username, string? password, Func<string, string?> environment) =>
        new(spec.Registry ?? spec.Images.Select(i => ImageReference.Parse(i.Repository).Registry).FirstOrDefault(),
            username, password, environment);

    /// <summary>The login for any registry host: the parameters apply to the push registry only.</summary>
    public RegistryCredentials? For(string host)
    {
        var isPushHost = string.Equals(host, pushHost, StringComparison.OrdinalIgnoreCase);
        string? Lookup(string name) => name switch
        {
            CredentialStore.UsernameVariable => isPushHost ? username : null,
            CredentialStore.PasswordVariable => isPushHost ? password : null,
            _ => environment(name),
        };
        return CredentialStore.FromEnvironment(Lookup).Find(host);
    }

    /// <summary>The push registry's login.</summary>
    public RegistryCredentials? ForPush() => pushHost is { } host ? For(host) : null;

    /// <summary>A client that logs in to every registry as to the push registry (promotion, indexes, facts).</summary>
    public RegistryClient PushClient(HttpClient http) => new(http, _ => ForPush());

    /// <summary>A wrong password is found before the first build, not after the first image was built and tested:
    /// one login round trip per registry the run pushes to.</summary>
    public async Task CheckPushLoginAsync(IEnumerable<ImageReference> repositories, CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var client = new RegistryClient(http, For);
        foreach (var repository in repositories.DistinctBy(r => r.Registry))
        {
            try { await client.CheckLoginAsync(repository, ct); }
            catch (RegistryException e) { throw new InvalidOperationException($"{e.Message} Nothing was built: the login is checked before the first build of a Push run."); }
        }
    }
}
