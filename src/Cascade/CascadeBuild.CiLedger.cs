using Cascade.Engine;
using Cascade.Pipeline;
using Cascade.Publishing;
using Cascade.Reports;
using LedgerData = Cascade.Publishing.Ledger;

namespace Cascade;

/// <summary>The ledger on CI: every job that pushes, promotes or runs GPU tests does so on its own runner and leaves
/// its entry in its artifact; a job with the wiki checked out records them in the wiki's ledger (RecordEntries).</summary>
partial class CascadeBuild
{
    /// <summary>--from: the folders RecordEntries searches for ledger-entry.json files.</summary>
    [Parameter("RecordEntries: the folder(s) holding the jobs' artifacts (searched for ledger-entry.json files)")]
    protected string[] From { get; init; } = [];

    void RecordEntriesFromFiles()
    {
        if (From.Length == 0)
            throw new ArgumentException("RecordEntries needs --from DIR [DIR...]: the folder(s) the jobs' artifacts were downloaded to.");
        var folders = From.Select(f => Path.GetFullPath(f, RootDirectory)).ToList();
        var recorded = folders.SelectMany(PushEntries.Find).ToList();
        if (recorded.Count == 0)
        {
            Out.WriteLine($"RecordEntries: no {LedgerData.EntryFileName} under {string.Join(", ", folders)}: no job recorded anything; the ledger is unchanged.");
            return;
        }
        HoldArtifactsFolder();
        var ledger = LoadLedger();
        var appended = 0;
        foreach (var entry in PushEntries.Combine(recorded, Loaded.Graph.Images))
        {
            // A re-run of the job (or a retry after another writer pushed the wiki) finds the same files again:
            // each entry is in the ledger once.
            if (ledger.Contains(entry))
            {
                Out.WriteLine($"RecordEntries: {LedgerPath} has this {entry.Kind} entry of {entry.When:u} already; not appended again.");
                continue;
            }
            (ledger, var added) = Record(entry, ledger);
            if (!added) continue;
            appended++;
            Out.WriteLine($"RecordEntries: one {entry.Kind} entry ({entry.Images.Count(i => i.Status != ImageStatus.Unchanged)} image(s)) appended to {LedgerPath}");
        }
        if (appended == 0) Out.WriteLine("RecordEntries: nothing appended.");
    }
}
