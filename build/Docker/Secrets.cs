using Cascade.Registry;

namespace Cascade.Docker;

/// <summary>Removes known secret values from text before it reaches a log, a file or an exception.</summary>
internal static class Secrets
{
    public static string Scrub(string text, RegistryCredentials? credentials)
    {
        if (credentials is null || string.IsNullOrEmpty(credentials.Password)) return text;
        var scrubbed = text.Replace(credentials.Password, "***", StringComparison.Ordinal);
        // The base64 "user:password" form appears in auth headers and config files.
        var basic = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{credentials.Username}:{credentials.Password}"));
        return scrubbed.Replace(basic, "***", StringComparison.Ordinal);
    }
}
