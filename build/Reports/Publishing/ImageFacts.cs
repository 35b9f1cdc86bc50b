namespace Cascade.Reports.Publishing;

/// <summary>One row of an image's history: the layer a Dockerfile step made.</summary>
public sealed record LayerRow(DateTimeOffset Created, string Command, long Size);

/// <summary>One test's outcome: passed, failed or skipped.</summary>
public sealed record PageTest(string Name, string Result);

/// <summary>The output of one info_cmds entry, run in a fresh container of the image.</summary>
public sealed record InfoOutput(string Key, string Description, string Command, string Output);

/// <summary>What an image's page shows besides its reference and tags; gathered once, when it is pushed.</summary>
public sealed record ImageFacts
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
}
