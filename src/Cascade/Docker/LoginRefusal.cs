using Cascade.Registry;
using System.Text.RegularExpressions;

namespace Cascade.Docker;

/// <summary>
/// Recognises the daemon's ways of saying a registry refused the login during a push
/// ("unauthorized: authentication required", "no basic auth credentials", ...) and turns them into one
/// message that names the registry and says what to do. Never includes the password.
/// </summary>
internal static partial class LoginRefusal
{
    // The daemon relays the registry's own words; these are the login failures of the distribution
    // registry (htpasswd and token), Docker Hub, GHCR and friends. "denied" (no push right for a
    // repository) is an authorization failure, not a login one, and is left as it is.
    [GeneratedRegex(@"unauthorized|authentication required|no basic auth credentials|incorrect username or password|\b401\b",
        RegexOptions.IgnoreCase)]
    private static partial Regex Pattern();

    public static bool Matches(string daemonMessage) => Pattern().IsMatch(daemonMessage);

    /// <summary>The explanation for a refused login to the registry of <paramref name="repository"/>;
    /// <paramref name="daemonMessage"/> must already be scrubbed.</summary>
    public static string Explain(string repository, string daemonMessage, RegistryCredentials? credentials) =>
        LoginAdvice.Refused(RegistryHost(repository), credentials, daemonMessage);

    /// <summary>The registry part of a repository name, by Docker's rule: the first component when it
    /// looks like a host (has '.' or ':' or is localhost), else Docker Hub.</summary>
    internal static string RegistryHost(string repository) => Stacks.RepositoryHost.Of(repository) ?? "docker.io";
}
