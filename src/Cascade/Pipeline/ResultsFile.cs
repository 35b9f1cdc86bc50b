using System.Text;
using System.Text.Json;
using Cascade.Text;

namespace Cascade.Pipeline;

/// <summary>One line of a run's results, in the words of results.json.</summary>
internal sealed record ResultRow(string Name, ImageStatus Status, string? Stage, string? Reason, string? Reference, string? Digest, TimeSpan Duration,
    string? Fingerprint = null)
{
    /// <summary>The platform of one platform's image of a multi-platform image (a row each); null otherwise.</summary>
    public string? Platform { get; init; }
}

/// <summary>
/// results.json — exactly `{"images":[{"name","status","stage","reason","ref","digest","duration_s","fingerprint","platform"}]}`,
/// keys in that order, absent values as JSON null — and the aligned plain-text table printed at the end.
/// </summary>
internal static class ResultsFile
{
    public static string ToJson(IEnumerable<ResultRow> rows)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteStartArray("images");
            foreach (var r in rows)
            {
                w.WriteStartObject();
                w.WriteString("name", r.Name);
                w.WriteString("status", r.Status.ToText());
                w.WriteString("stage", r.Stage);
                w.WriteString("reason", r.Reason);
                w.WriteString("ref", r.Reference);
                w.WriteString("digest", r.Digest);
                w.WriteNumber("duration_s", Math.Round(r.Duration.TotalSeconds, 1));
                w.WriteString("fingerprint", r.Fingerprint);
                w.WriteString("platform", r.Platform);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary>Each built image's duration in a results.json (statuses succeeded and failed only: a reused or
    /// skipped image says nothing of how long a build takes); empty when the file is missing or unreadable.</summary>
    public static IReadOnlyDictionary<string, TimeSpan> ReadBuildDurations(string path)
    {
        var durations = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            foreach (var image in doc.RootElement.GetProperty("images").EnumerateArray())
                if (StatusText.TryParse<ImageStatus>(image.GetProperty("status").GetString(), out var status) && status.WasBuilt()
                    && image.GetProperty("duration_s").TryGetDouble(out var seconds))
                {
                    // A multi-platform image has a row per platform, built one after another: their sum.
                    var name = image.GetProperty("name").GetString()!;
                    durations[name] = durations.GetValueOrDefault(name) + TimeSpan.FromSeconds(seconds);
                }
        }
        catch (Exception e) when (e is IOException or JsonException or KeyNotFoundException or InvalidOperationException) { }
        return durations;
    }

    /// <summary>The rows of a results.json (name, status, ref, digest, fingerprint, platform; the rest is not read back);
    /// null when there is none. A file that is not one is an error naming it.</summary>
    public static IReadOnlyList<ResultRow>? Read(string path)
    {
        if (!File.Exists(path)) return null;
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            return doc.RootElement.GetProperty("images").EnumerateArray().Select(RowOf).ToList();
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new InvalidDataException($"{path}: not a Cascade results.json ({e.Message}); it is written by every Build, Test and Push run.", e);
        }
    }

    private static ResultRow RowOf(JsonElement image)
    {
        string? Text(string key) => image.TryGetProperty(key, out var value) ? value.GetString() : null;
        var status = Text("status");
        if (!StatusText.TryParse<ImageStatus>(status, out var parsed)) throw new InvalidOperationException($"\"{status}\" is not a status");
        return new ResultRow(Text("name")!, parsed, Text("stage"), Text("reason"), Text("ref"), Text("digest"), TimeSpan.Zero, Text("fingerprint"))
        {
            Platform = Text("platform"),
        };
    }

    /// <summary>Atomically: whoever reads results.json (the next run, CI) finds the old file or the new one.</summary>
    public static void Write(string path, IEnumerable<ResultRow> rows) => Stacks.AtomicFile.WriteAllText(path, ToJson(rows));

    /// <summary>The closing table of a run (the reporters print it at the end).</summary>
    public static string Table(RunResult result) => Table(result.ToRows());

    /// <summary>IMAGE STATUS STAGE DURATION REF REASON, columns padded to their widest cell.</summary>
    public static string Table(IEnumerable<ResultRow> rows) => TextTable.Render(["IMAGE", "STATUS", "STAGE", "DURATION", "REF", "REASON"],
        rows.Select(r => (IReadOnlyList<string>)
        [
            r.Platform is null ? r.Name : $"{r.Name} {r.Platform}", r.Status.ToText(), r.Stage ?? "-",
            Stacks.Durations.Elapsed(r.Duration),
            r.Reference ?? "-", r.Reason ?? "",
        ]));
}
