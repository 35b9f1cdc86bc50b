using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cascade.Pipeline;

/// <summary>How far one image got: the last stage it completed (<see cref="Stage"/>, even when a later one failed),
/// on which image, as `--continue` needs to trust it next time. <see cref="TestFingerprint"/>: the tests it passed.</summary>
internal sealed record SucceededImage(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("ref")] string Reference,
    [property: JsonPropertyName("image_id")] string? ImageId,
    [property: JsonPropertyName("stage")] PipelineStage Stage,
    [property: JsonPropertyName("fingerprint")] string Fingerprint,
    [property: JsonPropertyName("test_fingerprint")] string? TestFingerprint = null);

/// <summary>
/// artifacts/.cascade-run.json: the stages each image completed so far, rewritten after each image finishes so
/// an interrupted or failed run can be continued from there. A record counts only for the same content (the
/// image's fingerprint) and only while its image still exists.
/// </summary>
internal sealed class RunState
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    private readonly string path;
    private readonly Dictionary<string, SucceededImage> succeeded = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    private RunState(string path) => this.path = path;

    public static RunState Empty(string path) => new(path);

    /// <summary>Loads the file; a missing or unreadable one is an empty state (the run then redoes everything).</summary>
    public static RunState Load(string path)
    {
        var state = new RunState(path);
        try
        {
            if (File.Exists(path))
                foreach (var s in JsonSerializer.Deserialize<StateFile>(File.ReadAllText(path), Json)?.Succeeded ?? [])
                    state.succeeded[s.Name] = s;
        }
        catch (JsonException) { }
        return state;
    }

    public SucceededImage? Find(string name) { lock (gate) return succeeded.GetValueOrDefault(name); }

    public void Record(SucceededImage image)
    {
        lock (gate) { succeeded[image.Name] = image; Save(); }
    }

    public void Forget(string name)
    {
        lock (gate) { if (succeeded.Remove(name)) Save(); }
    }

    // Atomically, so a kill mid-write never leaves half a file.
    private void Save() =>
        Stacks.AtomicFile.WriteAllText(path, JsonSerializer.Serialize(new StateFile(succeeded.Values.OrderBy(s => s.Name, StringComparer.Ordinal).ToList()), Json));

    private sealed record StateFile([property: JsonPropertyName("succeeded")] List<SucceededImage> Succeeded);
}
