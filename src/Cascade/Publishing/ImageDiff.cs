using System.Text.Json.Serialization;
using Cascade.Pipeline;

namespace Cascade.Publishing;

/// <summary>What a change did to one image, as a whole.</summary>
internal enum ImageChange
{
    /// <summary>Another image than the one it replaces: see its sizes, layers and info_cmds outputs.</summary>
    Changed,
    /// <summary>The image it replaces, the same digest (or not touched by the run).</summary>
    Unchanged,
    /// <summary>The registry has no image it replaces.</summary>
    New,
    /// <summary>In the stack before the change, not after it.</summary>
    Gone,
}

/// <summary>A size before and after; either may be unknown (a compressed size needs the image in a registry).</summary>
internal sealed record SizeChange(long? Before, long? After)
{
    public long? Delta => Before is { } b && After is { } a ? a - b : null;

    /// <summary>The delta as a percentage of the size before; null when there is nothing to divide by.</summary>
    public double? Percent => Delta is { } d && Before is > 0 ? 100.0 * d / Before.Value : null;
}

/// <summary>The lines one info_cmds entry's output gained and lost.</summary>
internal sealed record InfoChange(string Key, string Description, IReadOnlyList<DiffLine> Lines);

/// <summary>One image of a Diff report: which image it replaces (<see cref="Before"/>, a reference) by which
/// (<see cref="After"/>), and for a changed one what differs. Kept as JSON in each CI image job's artifacts.</summary>
internal sealed record ImageDiff
{
    public required string Name { get; init; }

    [JsonConverter(typeof(StatusTextJsonConverter<ImageChange>))]
    public required ImageChange Change { get; init; }
    public string? Before { get; init; }
    public string? After { get; init; }
    public SizeChange? Compressed { get; init; }
    public SizeChange? Uncompressed { get; init; }
    public IReadOnlyList<LayerRow> LayersAdded { get; init; } = [];
    public IReadOnlyList<LayerRow> LayersRemoved { get; init; } = [];
    public IReadOnlyList<InfoChange> Info { get; init; } = [];

    /// <summary>Why it was not compared further (a side that could not be read), said in the report.</summary>
    public string? Note { get; init; }
}
