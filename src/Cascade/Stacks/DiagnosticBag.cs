namespace Cascade.Stacks;

/// <summary>Collects every finding of one load so that all of them are reported together.</summary>
internal sealed class DiagnosticBag
{
    private readonly List<SpecDiagnostic> items = [];

    public IReadOnlyList<SpecDiagnostic> All => items;
    public IReadOnlyList<SpecDiagnostic> Errors => items.Where(d => d.Severity == Severity.Error).ToList();
    public IReadOnlyList<SpecDiagnostic> Warnings => items.Where(d => d.Severity == Severity.Warning).ToList();
    public bool HasErrors => items.Any(d => d.Severity == Severity.Error);

    public void Error(SourceLocation at, string message) => items.Add(new SpecDiagnostic(at, Severity.Error, message));
    public void Warning(SourceLocation at, string message) => items.Add(new SpecDiagnostic(at, Severity.Warning, message));
    public void AddRange(IEnumerable<SpecDiagnostic> diagnostics) => items.AddRange(diagnostics);
}
