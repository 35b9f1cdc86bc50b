namespace Cascade.Pipeline;

/// <summary>
/// What happened to an image: in a run (the first five: results.json, the closing table, a Push's ledger entry), or
/// in the ledger's other entries (<see cref="Promoted"/> by a promotion, <see cref="Passed"/> or
/// <see cref="Failed"/> by a GPU test run). Written as text by <see cref="StatusText"/> alone.
/// </summary>
internal enum ImageStatus
{
    Succeeded,
    Failed,
    Skipped,
    Unchanged,

    /// <summary>An image with the same fingerprint existed, so it was tagged instead of built.</summary>
    Reused,
    Promoted,
    Passed,
}

/// <summary>What the statuses mean, each rule once.</summary>
internal static class ImageStatuses
{
    /// <summary>Success: whatever the image was asked to do, it is done (a run does not fail for it; a page shows
    /// no status after its name). Failed and skipped are not.</summary>
    public static bool IsSuccess(this ImageStatus status) => status is not (ImageStatus.Failed or ImageStatus.Skipped);

    /// <summary>There for children to build on and for the gate to trust its tests: built (or continued) or reused.</summary>
    public static bool IsAvailable(this ImageStatus status) => status is ImageStatus.Succeeded or ImageStatus.Reused;

    /// <summary>What a record's kind says happened to the image (a push succeeded, a promotion promoted, a GPU run
    /// passed), so a page need not say it; every other status — a success such as reused or unchanged too — is noted
    /// after the image's name. Not <see cref="IsSuccess"/>: that asks whether the image is fine, this what to print.</summary>
    public static bool GoesWithoutSaying(this ImageStatus status) => status is ImageStatus.Succeeded or ImageStatus.Promoted or ImageStatus.Passed;

    /// <summary>A build ran (and took as long as a build takes): the duration history counts these alone.</summary>
    public static bool WasBuilt(this ImageStatus status) => status is ImageStatus.Succeeded or ImageStatus.Failed;
}
