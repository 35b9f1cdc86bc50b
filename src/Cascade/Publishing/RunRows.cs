using Cascade.Pipeline;

namespace Cascade.Publishing;

/// <summary>One platform's image of a multi-platform image, as pushed: its own reference (`tag-os-arch`) and digest.</summary>
public sealed record PlatformRow(string Platform, string? Reference, string? Digest);

/// <summary>One image of a run, as the ledger needs it (fingerprint where the run has one). A multi-platform image
/// is one row — its reference the shared tag's, its digest the index's — with a <see cref="Platforms"/> entry each.</summary>
public sealed record RunRow(string Name, string Status, string? Reason, string? Reference, string? Digest, string? Fingerprint, double DurationS)
{
    /// <summary>The test fingerprint whose tests the image passed (see <see cref="ImageResult.TestFingerprint"/>).</summary>
    public string? TestFingerprint { get; init; }

    public IReadOnlyList<PlatformRow> Platforms { get; init; } = [];
}

/// <summary>
/// The ledger is written from the run's results, one row per image. results.json has a row per image and
/// platform (what each platform's build did); the ledger records what was published under a tag — the index
/// for a multi-platform image — so the pages and the job summary count each image once.
/// </summary>
public static class RunRows
{
    public static IReadOnlyList<RunRow> Of(RunResult result) => result.Images.Select(i =>
        new RunRow(i.Name, i.Status.ToText(), i.Reason, i.Reference, i.Digest, i.Fingerprint, Math.Round(i.Duration.TotalSeconds, 1))
        {
            TestFingerprint = i.TestFingerprint,
            Platforms = i.PlatformResults.Where(p => p.Platform is not null)
                .Select(p => new PlatformRow(p.Platform!.ToString(), p.Reference, p.Digest)).ToList(),
        }).ToList();
}
