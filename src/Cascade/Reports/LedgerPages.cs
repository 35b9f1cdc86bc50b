using Cascade.Publishing;

namespace Cascade.Reports;

/// <summary>The ledger's pages as Reports renders them: the manifests and wiki pages, and the job summary.</summary>
sealed class LedgerPages : ILedgerPages
{
    public void Write(Ledger ledger, LedgerSettings settings, TextWriter log)
    {
        var count = DocsWriter.Write(ledger, settings.ManifestsDirectory, new PageLinks(wiki: false));
        log.WriteLine($"Docs: {count} page(s) from {settings.LedgerPath} ({ledger.Entries.Count} entries) in {settings.ManifestsDirectory}");
        if (settings.WikiDirectory is not { } wiki) return;
        DocsWriter.Write(ledger, wiki, new PageLinks(wiki: true));
        log.WriteLine($"Docs: and in the wiki folder {wiki}");
    }

    public void AppendToJobSummary(LedgerEntry entry, string? sourceUrl, bool wiki) =>
        JobSummary.AppendIfRequested(Environment.GetEnvironmentVariable, entry, PageLinks.ForSummary(sourceUrl, wiki));
}
