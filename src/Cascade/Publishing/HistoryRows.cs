using Cascade.Pipeline;

namespace Cascade.Publishing;

/// <summary>
/// Which Push makes a history row. A Push that built nothing, tested nothing, failed nothing and moved no tag is no
/// event: every image it ran was reused from the registry under tags that, by the ledger, named that very digest
/// already. A row for it would only repeat the last one (and bury the rows that say something).
/// </summary>
internal static class HistoryRows
{
    public static bool ChangesNothing(this Ledger ledger, LedgerEntry entry) =>
        entry.Kind == LedgerKinds.Push && entry.Images.All(i => i.Status == ImageStatus.Unchanged || RetagsInPlace(ledger, i));

    /// <summary>Reused untested (a registry reuse: its facts have no test results) under tags already on its digest.</summary>
    private static bool RetagsInPlace(Ledger ledger, LedgerImage image) =>
        image.Status == ImageStatus.Reused && image.Digest is { } digest && image.Tags.Count > 0 && (image.Facts?.Tests.Count ?? 0) == 0
        && image.Tags.All(tag => ledger.DigestTagged(image.Name, tag) == digest);

    /// <summary>What a run prints instead of adding the row.</summary>
    public static string NoRowMessage(LedgerEntry entry, string ledgerPath) =>
        $"No history row: this {entry.Kind} built nothing, tested nothing and moved no tag " +
        $"(every tag already named its image's digest in {ledgerPath}).";
}
