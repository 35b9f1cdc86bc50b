using System.Text.Json;

namespace Cascade.Reports.Publishing;

/// <summary>One image of results.json, as the ledger needs it (fingerprint where the run wrote one).</summary>
public sealed record RunRow(string Name, string Status, string? Reason, string? Reference, string? Digest, string? Fingerprint, double DurationS);

/// <summary>Reads a run's results.json: the ledger is written from the run's results, not from the scheduler.</summary>
public static class RunRows
{
    public static IReadOnlyList<RunRow> Read(string resultsFile)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(resultsFile));
        return doc.RootElement.GetProperty("images").EnumerateArray().Select(i => new RunRow(
            i.GetProperty("name").GetString()!,
            i.GetProperty("status").GetString()!,
            Text(i, "reason"), Text(i, "ref"), Text(i, "digest"), Text(i, "fingerprint"),
            i.TryGetProperty("duration_s", out var d) && d.ValueKind == JsonValueKind.Number ? d.GetDouble() : 0)).ToList();
    }

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
