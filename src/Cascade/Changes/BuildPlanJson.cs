using System.Text;
using System.Text.Json;
using Cascade.Changes.Fingerprints;

namespace Cascade.Changes;

/// <summary>
/// The plan's JSON form, written field by field so its shape is fixed by this file and not by
/// serializer settings: CI jobs and the workflow generator read it back.
/// </summary>
internal static class BuildPlanJson
{
    public static string Write(BuildPlan plan, bool indented)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions
               {
                   Indented = indented,
                   // Names and paths stay readable: no \u escaping of '+', '<', non-ASCII.
                   Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
               }))
        {
            w.WriteStartObject();
            w.WriteStartArray("images");
            foreach (var image in plan.Images) WriteImage(w, image);
            w.WriteEndArray();
            WriteStrings(w, "order", plan.Order);
            w.WriteStartArray("layers");
            foreach (var layer in plan.Layers)
            {
                w.WriteStartArray();
                foreach (var name in layer) w.WriteStringValue(name);
                w.WriteEndArray();
            }
            w.WriteEndArray();
            WriteStrings(w, "notes", plan.Notes);
            // Only a --leave-out-existing plan leaves anything out; other plans keep the format they always had.
            if (plan.LeftOut.Count > 0) WriteStrings(w, "left_out", plan.LeftOut);
            if (plan.Explanations.Count > 0) WriteExplanations(w, plan.Explanations);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteImage(Utf8JsonWriter w, PlannedImage image)
    {
        w.WriteStartObject();
        w.WriteString("name", image.Name);
        WriteStrings(w, "parents", image.Parents);
        w.WriteNumber("depth", image.Depth);
        w.WriteBoolean("affected", image.Affected);
        WriteStrings(w, "reasons", image.Reasons);
        w.WriteString("fingerprint", image.Fingerprint?.Value);
        w.WriteString("platform", image.Fingerprint?.Platform);
        w.WriteBoolean("dirty", image.Fingerprint?.Dirty ?? false);
        w.WriteString("test_fingerprint", image.TestFingerprint?.Value);
        w.WriteEndObject();
    }

    // Only a Plan --explain has them.
    private static void WriteExplanations(Utf8JsonWriter w, IReadOnlyList<ImageExplanation> explanations)
    {
        w.WriteStartArray("explanations");
        foreach (var e in explanations)
        {
            w.WriteStartObject();
            w.WriteString("name", e.Name);
            w.WriteString("previous", e.Previous);
            WriteStrings(w, "lines", e.Lines);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void WriteStrings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values) w.WriteStringValue(v);
        w.WriteEndArray();
    }

    public static BuildPlan Read(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            var images = root.GetProperty("images").EnumerateArray().Select(i => new PlannedImage(
                i.GetProperty("name").GetString()!,
                Strings(i.GetProperty("parents")),
                i.GetProperty("depth").GetInt32(),
                i.GetProperty("affected").GetBoolean(),
                Strings(i.GetProperty("reasons")))
            {
                Fingerprint = ReadFingerprint(i),
                TestFingerprint = i.TryGetProperty("test_fingerprint", out var t) && t.GetString() is { } tests ? new TestFingerprint(tests, []) : null,
            }).ToList();
            var layers = root.GetProperty("layers").EnumerateArray()
                .Select(l => (IReadOnlyList<string>)Strings(l)).ToList();
            return new BuildPlan(images, Strings(root.GetProperty("order")), layers)
            {
                Notes = root.TryGetProperty("notes", out var notes) ? Strings(notes) : [],
                LeftOut = root.TryGetProperty("left_out", out var leftOut) ? Strings(leftOut) : [],
                Explanations = root.TryGetProperty("explanations", out var why) ? why.EnumerateArray().Select(ReadExplanation).ToList() : [],
            };
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new ChangeException($"not a Cascade plan (expected {{\"images\", \"order\", \"layers\"}}): {e.Message}; re-run the Plan target to write it again");
        }
    }

    private static ImageExplanation ReadExplanation(JsonElement e) =>
        new(e.GetProperty("name").GetString()!, e.TryGetProperty("previous", out var p) ? p.GetString() : null, Strings(e.GetProperty("lines")));

    private static ImageFingerprint? ReadFingerprint(JsonElement image) =>
        image.TryGetProperty("fingerprint", out var f) && f.GetString() is { } value
            ? new ImageFingerprint(value,
                image.TryGetProperty("dirty", out var d) && d.ValueKind == JsonValueKind.True,
                image.TryGetProperty("platform", out var p) ? p.GetString() ?? "" : "")
            : null;

    private static List<string> Strings(JsonElement array) =>
        array.EnumerateArray().Select(e => e.GetString()!).ToList();
}
