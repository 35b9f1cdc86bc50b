namespace Cascade.Publishing;

/// <summary>
/// A wiki folder's ledger is the history its pages are made from. When a --wiki folder has none yet while this
/// stack's artifacts ledger (the history of the runs made here) has entries, starting the wiki's ledger empty would
/// leave all their pages out of Home, Stable and Stack — in the wiki and in the manifests folder, which is written
/// from the same ledger. That is never done silently: the run stops before writing anything and says how to go on.
/// </summary>
internal static class WikiLedger
{
    /// <summary>What stops the run, or null when the wiki has a ledger or there is no history to lose.</summary>
    public static string? Problem(string wikiLedger, string artifactsLedger)
    {
        if (File.Exists(wikiLedger) || !File.Exists(artifactsLedger)) return null;
        var count = Ledger.Load(artifactsLedger).Entries.Count;
        if (count == 0) return null;
        return $"{wikiLedger} does not exist, but {artifactsLedger} has {count} entr{(count == 1 ? "y" : "ies")} (the history of the runs made here); " +
               "pages written from an empty wiki ledger would leave their images out of Home, Stable and Stack. Nothing was written. " +
               $"To bring that history into the wiki: cp {artifactsLedger} {wikiLedger} (then run again). " +
               $"To start the wiki's history empty on purpose: pass --ledger {wikiLedger}.";
    }
}
