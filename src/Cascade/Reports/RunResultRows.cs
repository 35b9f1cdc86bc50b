using Cascade.Publishing;
using Cascade.Pipeline;

namespace Cascade.Reports;

internal static class RunResultRows
{
    /// <summary>The run's results as rows for <see cref="ResultsFile"/> (JSON and the closing table).
    /// A multi-platform image gives a row per platform (its own status, reference, digest and fingerprint).</summary>
    public static IReadOnlyList<ResultRow> ToRows(this RunResult result) =>
        result.Images.SelectMany(i => i.PlatformResults.Count > 0 ? i.PlatformResults : [i]).Select(Row).ToList();

    private static ResultRow Row(ImageResult i) =>
        new(i.Name, i.Status, i.Stage?.ToText(), i.Reason, i.Reference, i.Digest, i.Duration, i.Fingerprint)
        {
            Platform = i.Platform?.ToString(),
        };
}
