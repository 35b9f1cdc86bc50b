using Cascade.Engine;
using Cascade.Reports.Publishing;
using LedgerData = Cascade.Reports.Publishing.Ledger;

/// <summary>The ledger on CI: every image job pushes on its own runner and leaves its Push entry in its artifact;
/// one job at the end merges them into the run's one entry in the wiki's ledger (RecordPush).</summary>
partial class CascadeBuild
{
    [Parameter("RecordPush: the folder holding the image jobs' artifacts (searched for ledger-entry.json files)")]
    readonly string? From;

    Target RecordPush => _ => _
        .Description("Append one Push entry, merged from the image jobs' ledger-entry.json files under --from DIR, to the ledger; then the pages")
        .Executes(RecordMergedPush);

    void RecordMergedPush()
    {
        if (From is not { Length: > 0 })
            throw new ArgumentException("RecordPush needs --from DIR: the folder the image jobs' artifacts were downloaded to.");
        var folder = Path.GetFullPath(From, RootDirectory);
        var recorded = PushEntries.Find(folder);
        if (recorded.Count == 0)
        {
            Out.WriteLine($"RecordPush: no {LedgerData.EntryFileName} under {folder}: no image job recorded a push; the ledger is unchanged.");
            return;
        }
        var entry = PushEntries.Merge(recorded, Loaded.Graph.Images);
        // A re-run of this job alone merges the same files again: the run is in the ledger once.
        if (LedgerData.Load(LedgerPath).Contains(entry))
        {
            Out.WriteLine($"RecordPush: {LedgerPath} has this run's entry already; nothing appended.");
            return;
        }
        Record(entry);
        Out.WriteLine($"RecordPush: one Push entry ({entry.Images.Count(i => i.Status != "unchanged")} image(s) run, from {recorded.Count} job(s)) appended to {LedgerPath}");
    }
}
