using Cascade.Changes;
using Cascade.Pipeline;

namespace Cascade.Publishing;

/// <summary>The ledger of every Push, index, promotion and GPU test run, and the pages generated from it (manifests,
/// wiki, job summary): read, checked, appended to, and the pages rewritten after each entry.</summary>
/// <param name="repository">Branch (as the run names it), commit and source URL: asked of git once, when first needed.</param>
sealed class LedgerRecorder(LedgerSettings settings, StackPlanning planning, Lazy<RepositoryInfo> repository,
    ArtifactsFolderLock folderLock, ILedgerPages pages, TextWriter log)
{
    public LedgerSettings Settings => settings;

    /// <summary>The Docs target: every page from the ledger alone.</summary>
    public void WriteDocs(CancellationToken ct)
    {
        folderLock.Hold(ct);
        WriteDocs(Load());
    }

    /// <summary>The ledger this run reads and appends to, once <see cref="CheckWikiLedger"/> found nothing to stop for.</summary>
    public Ledger Load()
    {
        CheckWikiLedger();
        return Ledger.Load(settings.LedgerPath);
    }

    /// <summary>Stops, before anything is written, a run whose --wiki folder has no ledger while the artifacts ledger has
    /// entries (see <see cref="WikiLedger"/>); an explicit --ledger is a choice made on purpose.</summary>
    public void CheckWikiLedger()
    {
        if (settings.Wiki is null || settings.Ledger is not null) return;
        if (WikiLedger.Problem(settings.LedgerPath, settings.ArtifactsLedgerPath) is { } problem)
            throw new InvalidOperationException(problem);
    }

    void WriteDocs(Ledger ledger) => pages.Write(ledger, settings, log);

    /// <summary>What this run did (a Push, a promotion, a GPU test run): recorded in the ledger, and left on its own in
    /// the artifacts (<see cref="Ledger.EntryFileName"/>) for a CI job to record in the wiki's ledger (RecordEntries).</summary>
    /// <param name="ledger">The ledger as this run already read it, else it is read now.</param>
    public void RecordRun(LedgerEntry entry, Ledger? ledger = null)
    {
        Ledger.SaveEntry(settings.EntryPath, entry);
        Record(entry, ledger);
    }

    /// <returns>The ledger as it now is, and whether the entry was appended: a Push that changed nothing makes no
    /// history row (<see cref="HistoryRows"/>), and says so.</returns>
    (Ledger Ledger, bool Appended) Record(LedgerEntry entry, Ledger? ledger = null)
    {
        ledger ??= Load();
        pages.AppendToJobSummary(entry, repository.Value.SourceUrl, wiki: settings.Wiki is not null);
        if (ledger.ChangesNothing(entry))
        {
            log.WriteLine(HistoryRows.NoRowMessage(entry, settings.LedgerPath));
            return (ledger, false);
        }
        var appended = ledger.Append(entry);
        appended.Save(settings.LedgerPath);
        WriteDocs(appended);
        return (appended, true);
    }

    /// <summary>An entry of this run: now, on this commit and branch.</summary>
    public LedgerEntry NewEntry(string kind, IReadOnlyList<LedgerImage> images) => new()
    {
        Kind = kind, When = DateTimeOffset.UtcNow, Commit = repository.Value.Commit, Branch = repository.Value.Branch,
        SourceUrl = repository.Value.SourceUrl, Images = images,
    };

    /// <summary>The RecordEntries target: every job that pushes, promotes or runs GPU tests does so on its own runner and
    /// leaves its entry in its artifact; a job with the wiki checked out records them in the wiki's ledger.</summary>
    public void RecordEntries(IReadOnlyList<string> folders, CancellationToken ct)
    {
        if (folders.Count == 0)
            throw new ArgumentException("RecordEntries needs --from DIR [DIR...]: the folder(s) the jobs' artifacts were downloaded to.");
        var recorded = folders.SelectMany(PushEntries.Find).ToList();
        if (recorded.Count == 0)
        {
            log.WriteLine($"RecordEntries: no {Ledger.EntryFileName} under {string.Join(", ", folders)}: no job recorded anything; the ledger is unchanged.");
            return;
        }
        folderLock.Hold(ct);
        var ledger = Load();
        var appended = 0;
        foreach (var entry in PushEntries.Combine(recorded, planning.Graph.Images))
        {
            // A re-run of the job (or a retry after another writer pushed the wiki) finds the same files again:
            // each entry is in the ledger once.
            if (ledger.Contains(entry))
            {
                log.WriteLine($"RecordEntries: {settings.LedgerPath} has this {entry.Kind} entry of {entry.When:u} already; not appended again.");
                continue;
            }
            (ledger, var added) = Record(entry, ledger);
            if (!added) continue;
            appended++;
            log.WriteLine($"RecordEntries: one {entry.Kind} entry ({entry.Images.Count(i => i.Status != ImageStatus.Unchanged)} image(s)) appended to {settings.LedgerPath}");
        }
        if (appended == 0) log.WriteLine("RecordEntries: nothing appended.");
    }
}
