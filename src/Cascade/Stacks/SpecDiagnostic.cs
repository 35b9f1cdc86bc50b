namespace Cascade.Stacks;

internal enum Severity { Error, Warning }

/// <summary>One finding about a spec or a Dockerfile, printed as `FILE:LINE:COL: error: message`.</summary>
internal sealed record SpecDiagnostic(SourceLocation Location, Severity Severity, string Message)
{
    public override string ToString() =>
        $"{Location}: {(Severity == Severity.Error ? "error" : "warning")}: {Message}";
}

/// <summary>Thrown when a spec does not validate; carries every error found, not only the first.</summary>
internal sealed class SpecException(IReadOnlyList<SpecDiagnostic> diagnostics)
    : Exception(string.Join(Environment.NewLine, diagnostics))
{
    public IReadOnlyList<SpecDiagnostic> Diagnostics { get; } = diagnostics;
}
