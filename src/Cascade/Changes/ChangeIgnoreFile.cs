using System.Text.Json;

namespace Cascade.Changes;

/// <summary>
/// images/change_ignore.json as in datahub-docker-stack: `{"ChangeIgnore": [...], "BuildAll": [...]}`,
/// each entry a first-level name in the stack folder ("tests_common", "spec.yml", "conftest.py").
/// </summary>
internal sealed record ChangeIgnoreFile(IReadOnlySet<string> ChangeIgnore, IReadOnlySet<string> BuildAll)
{
    public const string FileName = "change_ignore.json";

    public static ChangeIgnoreFile Empty { get; } =
        new(new HashSet<string>(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal));

    /// <summary>Reads the file from the stack folder; a stack without one ignores nothing.</summary>
    public static ChangeIgnoreFile Load(string stackDirectory)
    {
        var path = Path.Combine(stackDirectory, FileName);
        // Named as spec.yml errors are (relative to the working folder), so `images/change_ignore.json:2:5` is clickable.
        return File.Exists(path) ? Parse(File.ReadAllText(path), Cascade.Stacks.DisplayPath.Of(path)) : Empty;
    }

    public static ChangeIgnoreFile Parse(string json, string fileName)
    {
        try
        {
            using var doc = JsonDocument.Parse(json, new JsonDocumentOptions
            {
                CommentHandling = JsonCommentHandling.Skip,
                AllowTrailingCommas = true,
            });
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                throw new ChangeException($"{fileName}:1:1: error: expected an object {{\"ChangeIgnore\": [...], \"BuildAll\": [...]}}");
            return new ChangeIgnoreFile(Names(doc.RootElement, "ChangeIgnore", fileName), Names(doc.RootElement, "BuildAll", fileName));
        }
        catch (JsonException e)
        {
            throw new ChangeException(
                $"{Stacks.SourceLocation.Of(fileName, e)}: error: not valid JSON ({Stacks.SourceLocation.Reason(e)}); " +
                "expected {\"ChangeIgnore\": [\"folder\"], \"BuildAll\": [\"spec.yml\"]}");
        }
    }

    private static HashSet<string> Names(JsonElement root, string key, string fileName)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        if (!root.TryGetProperty(key, out var list) || list.ValueKind == JsonValueKind.Null) return set;
        if (list.ValueKind != JsonValueKind.Array)
            throw new ChangeException($"{fileName}: error: \"{key}\" must be a list of first-level names in the stack folder");
        foreach (var item in list.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
                throw new ChangeException($"{fileName}: error: \"{key}\" entries must be strings, found {item.GetRawText()}");
            set.Add(item.GetString()!.Trim().Trim('/'));
        }
        return set;
    }
}
