using System.Text.Json.Serialization;
using Cascade.Pipeline;

namespace Cascade.Publishing;

/// <summary>One row of an image's history: the layer a Dockerfile step made.</summary>
internal sealed record LayerRow(DateTimeOffset Created, string Command, long Size);

/// <summary>One test's outcome: passed, failed or skipped.</summary>
internal sealed record PageTest(string Name, [property: JsonConverter(typeof(StatusTextJsonConverter<TestOutcome>))] TestOutcome Result);

/// <summary>The output of one info_cmds entry, run in a fresh container of the image.</summary>
internal sealed record InfoOutput(string Key, string Description, string Command, string Output);

/// <summary>One platform's image of a multi-platform image: its own manifest (the index names it by this digest),
/// its compressed size from that manifest, and — where the daemon had that platform's image — its size and layers.</summary>
internal sealed record PlatformFacts
{
    public required string Platform { get; init; }
    public string? Digest { get; init; }
    public long? CompressedSize { get; init; }
    public long? UncompressedSize { get; init; }
    public IReadOnlyList<LayerRow> Layers { get; init; } = [];
}

/// <summary>What an image's page shows besides its reference and tags; gathered once, when it is pushed.
/// A multi-platform image (its digest an index's) has <see cref="Platforms"/>, and its info_cmds ran in one
/// platform's image, <see cref="InfoPlatform"/>; both are absent (null) for any other image, and in ledgers
/// written before them.</summary>
internal sealed record ImageFacts
{
    public long? CompressedSize { get; init; }
    public long? UncompressedSize { get; init; }
    public string? Platform { get; init; }
    public DateTimeOffset? Created { get; init; }
    public string? Parent { get; init; }
    public string? ParentDigest { get; init; }
    public IReadOnlyDictionary<string, string> BuildArgs { get; init; } = new Dictionary<string, string>();
    public IReadOnlyList<PageTest> Tests { get; init; } = [];
    public IReadOnlyList<LayerRow> Layers { get; init; } = [];
    public IReadOnlyList<InfoOutput> Info { get; init; } = [];
    public IReadOnlyList<PlatformFacts>? Platforms { get; init; }
    public string? InfoPlatform { get; init; }
}
