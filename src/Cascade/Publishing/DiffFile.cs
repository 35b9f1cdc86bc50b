using System.Text.Json;
using System.Text.Json.Serialization;
using Cascade.Stacks;

namespace Cascade.Publishing;

/// <summary>
/// diff.json in the artifacts folder: the images one run (one CI image job) compared. The last job of a CI run finds
/// every job's file under the folder their artifacts were downloaded to and merges them into the whole report: each
/// image's record from the job that ran it, else its unchanged record (each job lists the images it did not run as such).
/// </summary>
internal static class DiffFile
{
    public const string FileName = "diff.json";

    /// <summary>The report as Markdown, beside it (diff.md).</summary>
    public const string MarkdownFileName = "diff.md";

    /// <summary>The hidden first line of the report's Markdown: it finds the pull request's one comment again.</summary>
    public const string CommentMarker = "<!-- cascade: diff -->";

    internal sealed record Document(IReadOnlyList<ImageDiff> Images);

    public static void Save(string path, IReadOnlyList<ImageDiff> images) =>
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(new Document(images), DiffJson.Default.Document) + "\n");

    public static IReadOnlyList<ImageDiff> Load(string path)
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(path), DiffJson.Default.Document)?.Images
                   ?? throw new InvalidDataException($"{path}:1:1: empty; expected a Cascade Diff report (written by ./build.sh Diff).");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{SourceLocation.Of(path, e)}: not a Cascade Diff report ({SourceLocation.Reason(e)}); it is written by ./build.sh Diff.", e);
        }
    }

    /// <summary>Every <see cref="FileName"/> under the folders, merged: one record per image, in the order first seen.</summary>
    public static IReadOnlyList<ImageDiff> Merge(IReadOnlyList<string> folders)
    {
        var files = folders.SelectMany(folder => Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, FileName, SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            : throw new DirectoryNotFoundException($"{folder}: no such folder; pass the folder the image jobs' artifacts were downloaded to."));
        return files.SelectMany(Load).GroupBy(d => d.Name, StringComparer.Ordinal)
            .Select(g => g.FirstOrDefault(d => d.Change != ImageChange.Unchanged) ?? g.First())
            .ToList();
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, WriteIndented = true)]
[JsonSerializable(typeof(DiffFile.Document))]
internal sealed partial class DiffJson : JsonSerializerContext;
