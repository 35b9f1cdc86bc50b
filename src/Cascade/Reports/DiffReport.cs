using System.Globalization;
using System.Text;
using Cascade.Pipeline;
using Cascade.Publishing;
using Cascade.Text;
using static Cascade.Reports.Markdown;

namespace Cascade.Reports;

/// <summary>
/// What a change does to each image (Diff), as Markdown (the job summary, the pull request's comment, diff.md) and as
/// a terminal table: per image its sizes before → after with the signed delta and its percentage, the layers added and
/// removed, and each info_cmds entry's lines added and removed, folded beyond <see cref="CollapseAfterLines"/> lines.
/// </summary>
internal sealed class DiffReport : IDiffRendering
{
    public string RenderMarkdown(IReadOnlyList<ImageDiff> diffs)
    {
        var sb = new StringBuilder(DiffFile.CommentMarker).Append("\n### What this change does to each image\n\n");
        if (diffs.Count == 0) return sb.Append("No image was compared.\n").ToString();
        sb.Append(Table(["Image", "Change", "Compressed", "Uncompressed", "Layers", "Info"], diffs.Select(d => (IReadOnlyList<string>)
        [
            d.Name, StatusText.Of(d.Change), Cell(Sizes(d.Compressed)), Cell(Sizes(d.Uncompressed)), LayerCounts(d), Cell(InfoCounts(d)),
        ])));
        foreach (var diff in diffs.Where(HasDetails)) sb.Append('\n').Append(MarkdownDetails(diff));
        return sb.ToString();
    }

    private static string MarkdownDetails(ImageDiff diff)
    {
        var sb = new StringBuilder($"#### {diff.Name}\n\n");
        if (diff.Before is not null) sb.Append(CodeText(diff.Before)).Append(" → ");
        sb.Append(CodeText(diff.After ?? "")).Append("\n\n");
        if (diff.Note is not null) sb.Append(Cell(diff.Note)).Append("\n\n");
        var layers = diff.LayersAdded.Select(l => (IReadOnlyList<string>)["added", Code(l.Command), Size(l.Size)])
            .Concat(diff.LayersRemoved.Select(l => (IReadOnlyList<string>)["removed", Code(l.Command), Size(l.Size)])).ToList();
        if (layers.Count > 0) sb.Append(Table(["Layer", "Created by", "Size"], layers)).Append('\n');
        foreach (var info in diff.Info.Where(i => i.Lines.Count > 0))
            sb.Append($"{Cell(info.Description)} ({CodeText(info.Key)}):\n\n").Append(Output(string.Join('\n', info.Lines), "diff")).Append('\n');
        return sb.ToString();
    }

    /// <summary>The same as a terminal table, and under it each changed image's layers and lines.</summary>
    public string RenderTerminal(IReadOnlyList<ImageDiff> diffs)
    {
        var rows = diffs.Select(d => (IReadOnlyList<string>)[ d.Name, StatusText.Of(d.Change), Sizes(d.Compressed), Sizes(d.Uncompressed), LayerCounts(d), InfoCounts(d)]);
        var sb = new StringBuilder(TextTable.Render(["IMAGE", "CHANGE", "COMPRESSED", "UNCOMPRESSED", "LAYERS", "INFO"], rows));
        foreach (var diff in diffs.Where(HasDetails)) sb.Append('\n').Append(TerminalDetails(diff));
        return sb.ToString();
    }

    private static string TerminalDetails(ImageDiff diff)
    {
        var sb = new StringBuilder($"{diff.Name}: {diff.Before ?? "(none)"} → {diff.After}\n");
        if (diff.Note is not null) sb.Append("  ").Append(diff.Note).Append('\n');
        foreach (var layer in diff.LayersAdded) sb.Append($"  layer added    {layer.Command} ({Size(layer.Size)})\n");
        foreach (var layer in diff.LayersRemoved) sb.Append($"  layer removed  {layer.Command} ({Size(layer.Size)})\n");
        foreach (var info in diff.Info.Where(i => i.Lines.Count > 0))
        {
            sb.Append($"  {info.Key} ({info.Description}):\n");
            foreach (var line in info.Lines.Take(CollapseAfterLines)) sb.Append("    ").Append(line).Append('\n');
            if (info.Lines.Count > CollapseAfterLines) sb.Append($"    … {info.Lines.Count - CollapseAfterLines} more lines (all of them in diff.md)\n");
        }
        return sb.ToString();
    }

    private static bool HasDetails(ImageDiff diff) =>
        diff.Note is not null || diff.LayersAdded.Count + diff.LayersRemoved.Count > 0 || diff.Info.Any(i => i.Lines.Count > 0);

    /// <summary>`1.2 MB → 3.2 MB (+2.0 MB, +166.7%)`; `– → 1.2 MB` for a new image; empty when neither is known.</summary>
    public static string Sizes(SizeChange? sizes)
    {
        if (sizes is null || sizes.Before is null && sizes.After is null) return "";
        var text = $"{Known(sizes.Before)} → {Known(sizes.After)}";
        if (sizes.Delta is not { } delta) return text;
        var percent = sizes.Percent is { } p ? ", " + p.ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture) + "%" : "";
        return $"{text} ({(delta < 0 ? "-" : "+")}{Size(Math.Abs(delta))}{percent})";
    }

    private static string Known(long? bytes) => bytes is null ? "–" : Size(bytes);

    private static string LayerCounts(ImageDiff diff) =>
        diff.LayersAdded.Count + diff.LayersRemoved.Count == 0 ? "" : $"+{diff.LayersAdded.Count} -{diff.LayersRemoved.Count}";

    /// <summary>`PIP +1 -1, APT +3 -0`: each info_cmds entry whose output changed, with its lines added and removed.</summary>
    private static string InfoCounts(ImageDiff diff) => string.Join(", ", diff.Info.Where(i => i.Lines.Count > 0).Select(i =>
        $"{i.Key} +{i.Lines.Count(l => l.Sign == DiffLine.Added)} -{i.Lines.Count(l => l.Sign == DiffLine.Removed)}"));
}
