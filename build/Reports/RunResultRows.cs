using Cascade.Pipeline;

namespace Cascade.Reports;

public static class RunResultRows
{
    /// <summary>The run's results as rows for <see cref="ResultsFile"/> (JSON and the closing table).</summary>
    public static IReadOnlyList<ResultRow> ToRows(this RunResult result) =>
        result.Images.Select(i => new ResultRow(i.Name, i.Status.ToText(), i.Stage?.ToText(), i.Reason, i.Reference, i.Digest, i.Duration, i.Fingerprint)).ToList();
}
