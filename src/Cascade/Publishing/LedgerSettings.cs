namespace Cascade.Publishing;

/// <summary>Where the ledger and its pages live: --ledger, else the --wiki folder's, else the artifacts folder's;
/// the manifests under --manifests, else under the artifacts folder.</summary>
sealed record LedgerSettings(string RootDirectory, string ArtifactsFolder, string? Wiki, string? Ledger, string? Manifests)
{
    public string LedgerPath => Path.GetFullPath(Ledger ?? (Wiki is not null ? Path.Combine(Wiki, Publishing.Ledger.FileName)
        : ArtifactsLedgerPath), RootDirectory);

    public string ArtifactsLedgerPath => Path.Combine(ArtifactsFolder, Publishing.Ledger.FileName);

    public string ManifestsDirectory => Path.GetFullPath(Manifests ?? Path.Combine(ArtifactsFolder, "manifests"), RootDirectory);

    public string? WikiDirectory => Wiki is null ? null : Path.GetFullPath(Wiki, RootDirectory);

    /// <summary>Where this run leaves its own entry, for a CI job to record in the wiki's ledger (RecordEntries).</summary>
    public string EntryPath => Path.Combine(ArtifactsFolder, Publishing.Ledger.EntryFileName);
}
