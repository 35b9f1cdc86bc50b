namespace Cascade.Pipeline;

/// <summary>Replaces known secrets (the registry password) with `***` in any text bound for a log,
/// an artifact or the console.</summary>
public sealed class SecretRedactor(IEnumerable<string?> secrets)
{
    private readonly string[] secrets = secrets.Where(s => !string.IsNullOrEmpty(s)).Select(s => s!)
        .Distinct().OrderByDescending(s => s.Length).ToArray();

    public static SecretRedactor None { get; } = new([]);

    public string Redact(string text)
    {
        foreach (var s in secrets) text = text.Replace(s, "***", StringComparison.Ordinal);
        return text;
    }

    public TextWriter Wrap(TextWriter inner, bool leaveOpen = false) => new RedactingWriter(inner, this, leaveOpen);
}
