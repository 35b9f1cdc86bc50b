using System.Text;

namespace Cascade.Registry;

/// <summary>The one home of "never print a credential" in the domain: replaces the registry password, and the
/// base64 "user:password" form auth headers and config files carry, with `***` in any text bound for a log,
/// an artifact, an exception or the console. (The engine masks its own [Secret] parameters the same way; it
/// stands alone and cannot use this.)</summary>
internal sealed class SecretRedactor(IEnumerable<string?> secrets)
{
    private readonly string[] secrets = secrets.Where(s => !string.IsNullOrEmpty(s)).Select(s => s!)
        .Distinct().OrderByDescending(s => s.Length).ToArray();

    public static SecretRedactor None { get; } = new([]);

    /// <summary>Hides <paramref name="credentials"/>' password in both the forms it is written in.</summary>
    public static SecretRedactor For(RegistryCredentials? credentials) =>
        credentials is null || string.IsNullOrEmpty(credentials.Password)
            ? None
            : new SecretRedactor([credentials.Password,
                Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credentials.Username}:{credentials.Password}"))]);

    public string Redact(string text)
    {
        foreach (var s in secrets) text = text.Replace(s, "***", StringComparison.Ordinal);
        return text;
    }

    public TextWriter Wrap(TextWriter inner, bool leaveOpen = false) => new RedactingWriter(inner, this, leaveOpen);
}
