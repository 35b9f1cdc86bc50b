using Cascade.Pipeline;

namespace Cascade.Publishing;

/// <summary>A Push entry as one runner recorded it, and the file it came from (for messages).</summary>
internal sealed record RecordedEntry(string File, LedgerEntry Entry);

/// <summary>
/// One Push run on CI is many runners, each pushing one image and recording an entry of its own that lists every
/// image of the stack: the one it ran, the others as unchanged. Merged, they are the entry one local Push of
/// those images writes: the run's commit and branch, each image's record from the runner that ran it (with the
/// facts only that runner could gather), in the stack's order, at the time of the last record.
/// </summary>
internal static class PushEntries
{
    /// <summary>Every <see cref="Ledger.EntryFileName"/> under <paramref name="folder"/> (one per downloaded artifact), in path order.</summary>
    public static IReadOnlyList<RecordedEntry> Find(string folder)
    {
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"{folder}: no such folder; pass the folder the image jobs' artifacts were downloaded to.");
        return Directory.EnumerateFiles(folder, Ledger.EntryFileName, SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(f => new RecordedEntry(f, Ledger.LoadEntry(f)))
            .ToList();
    }

    /// <summary>What a job with the wiki records from the entries it downloaded: the Push entries of one run merged
    /// into one, any other entry (a GPU test run, a promotion) as it is; oldest first.</summary>
    public static IReadOnlyList<LedgerEntry> Combine(IReadOnlyList<RecordedEntry> recorded, IReadOnlyList<string> stackOrder)
    {
        var pushes = recorded.Where(r => r.Entry.Kind == LedgerKinds.Push).ToList();
        var entries = recorded.Where(r => r.Entry.Kind != LedgerKinds.Push).Select(r => r.Entry).ToList();
        if (pushes.Count > 0) entries.Add(Merge(pushes, stackOrder));
        return entries.OrderBy(e => e.When).ToList();
    }

    /// <param name="stackOrder">The stack's images, parents first: the order a run lists them in.</param>
    public static LedgerEntry Merge(IReadOnlyList<RecordedEntry> recorded, IReadOnlyList<string> stackOrder)
    {
        if (recorded.Count == 0) throw new ArgumentException("no Push entries to merge", nameof(recorded));
        var first = recorded[0];
        foreach (var other in recorded)
            CheckSameRun(first, other);

        var byTime = recorded.OrderBy(r => r.Entry.When).ToList();
        var rank = stackOrder.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => p.i, StringComparer.Ordinal);
        var names = byTime.SelectMany(r => r.Entry.Images).Select(i => i.Name).Distinct(StringComparer.Ordinal)
            .Select((name, appearance) => (name, appearance))
            .OrderBy(n => rank.GetValueOrDefault(n.name, int.MaxValue)).ThenBy(n => n.appearance)
            .Select(n => n.name);
        var images = names.Select(name => Pick(byTime, name)).ToList();
        return first.Entry with { When = byTime[^1].Entry.When, Images = images };
    }

    /// <summary>The image's record from the runner that ran it (the latest, should two have); else its unchanged record.</summary>
    private static LedgerImage Pick(IReadOnlyList<RecordedEntry> byTime, string name)
    {
        var records = byTime.SelectMany(r => r.Entry.Images.Where(i => i.Name == name)).ToList();
        return records.LastOrDefault(i => i.Status != ImageStatus.Unchanged) ?? records[0];
    }

    private static void CheckSameRun(RecordedEntry first, RecordedEntry other)
    {
        if (other.Entry.Kind != LedgerKinds.Push)
            throw new InvalidDataException($"{other.File}: a {other.Entry.Kind} entry; only Push entries are merged.");
        string? Differs(string what, string? a, string? b) => a == b ? null : $"{what} {a ?? "(none)"} and {b ?? "(none)"}";
        var difference = Differs("commit", first.Entry.Commit, other.Entry.Commit)
                         ?? Differs("branch", first.Entry.Branch, other.Entry.Branch)
                         ?? Differs("source", first.Entry.SourceUrl, other.Entry.SourceUrl);
        if (difference is not null)
            throw new InvalidDataException($"{first.File} and {other.File} are not of one run ({difference}); " +
                                           "download only one workflow run's artifacts into the folder.");
    }
}
