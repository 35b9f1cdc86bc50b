namespace Cascade.Registry;

/// <summary>What to tell someone whose login a registry refused, or who gave none: one text, whether the
/// refusal came through the daemon (a push) or from the registry's API (promotion, existence checks).
/// Names the user, never the password.</summary>
internal static class LoginAdvice
{
    /// <param name="detail">The registry's or daemon's own words, already scrubbed of secrets.</param>
    public static string Refused(string host, RegistryCredentials? credentials, string detail) =>
        credentials is null
            ? $"the login to {host} was refused: no credentials were given ({detail}). {HowToLogIn(host)}"
            : $"the login to {host} was refused for user '{credentials.Username}' ({detail}). " +
              $"Check the user name and password (REGISTRY_USERNAME/REGISTRY_PASSWORD, or `docker login {host}`).";

    /// <summary>How to give credentials for <paramref name="host"/>.</summary>
    public static string HowToLogIn(string host) =>
        $"Set REGISTRY_USERNAME and REGISTRY_PASSWORD (or --registry-username/--registry-password), or run `docker login {host}`.";
}
