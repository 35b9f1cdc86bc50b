namespace Cascade.Publishing;

/// <summary>The pages rendered from the ledger (Reports renders them; Publishing, which records, does not read Reports):
/// every page after the ledger changed, and a run's entry in the CI job summary.</summary>
interface ILedgerPages
{
    /// <summary>Every page from the ledger alone, into the manifests folder and the wiki folder (if any).</summary>
    void Write(Ledger ledger, LedgerSettings settings, TextWriter log);

    /// <summary>The entry in the CI job's summary, when the job asks for one ($GITHUB_STEP_SUMMARY).</summary>
    void AppendToJobSummary(LedgerEntry entry, string? sourceUrl, bool wiki);
}
