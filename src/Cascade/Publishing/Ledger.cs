using System.Text.Json;
using System.Text.Json.Serialization;
using Cascade.Stacks;
using Cascade.Pipeline;

namespace Cascade.Publishing;

/// <summary>What a ledger entry records: a Push run, a promotion, or a GPU test run on pushed images.</summary>
internal static class LedgerKinds
{
    public const string Push = "push";
    public const string Promote = "promote";
    public const string GpuTest = "gpu-test";
}

/// <summary>One image in a ledger entry. <see cref="Facts"/> is what its page shows; Push fills it.</summary>
internal sealed record LedgerImage
{
    public required string Name { get; init; }
    public string? Reference { get; init; }
    public string? Digest { get; init; }
    public string? Fingerprint { get; init; }

    /// <summary>The test fingerprint whose tests this digest passed (in the run, or before, as the registry recorded);
    /// null when they did not run. See <see cref="LedgerQueries.PassedTests(Ledger, string, string, string)"/>.</summary>
    public string? TestFingerprint { get; init; }

    /// <summary>What happened to it: a run's status, or promoted, or a GPU test run's passed or failed.</summary>
    [JsonConverter(typeof(StatusTextJsonConverter<ImageStatus>))]
    public required ImageStatus Status { get; init; }
    public string? Reason { get; init; }
    public double DurationS { get; init; }

    /// <summary>Its parents in the stack (the first is the FROM parent), so the stack graph needs only the ledger.</summary>
    public IReadOnlyList<string> Parents { get; init; } = [];

    /// <summary>Tags this entry gave the digest.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Those of <see cref="Tags"/> filled from inside the image (its `tags:`); null when it got none.</summary>
    public IReadOnlyList<string>? ContentTags { get; init; }
    public ImageFacts? Facts { get; init; }

    /// <summary>The record every writer starts from (a push, an index, a promotion, a GPU test run): the image, its
    /// parents as the stack has them now, and what happened to it.</summary>
    public static LedgerImage Of(ImageSpec image, ImageStatus status) => new() { Name = image.Name, Status = status, Parents = image.DependOn };

    /// <summary>An image's result in a run, in the ledger's words: a multi-platform image is one record (its reference
    /// the shared tag's, its digest the index's); each platform's is in its facts.</summary>
    public static LedgerImage Of(ImageSpec image, ImageResult result) => Of(image, result.Status) with
    {
        Reference = result.Reference, Digest = result.Digest, Fingerprint = result.Fingerprint, TestFingerprint = result.TestFingerprint,
        Reason = result.Reason, DurationS = Math.Round(result.Duration.TotalSeconds, 1),
    };
}

/// <summary>One append to the ledger: when, from which commit and branch, and what happened to each image.</summary>
internal sealed record LedgerEntry
{
    public required string Kind { get; init; }
    public required DateTimeOffset When { get; init; }
    public string? Commit { get; init; }
    public string? Branch { get; init; }
    public string? SourceUrl { get; init; }
    public string? FromTag { get; init; }
    public IReadOnlyList<string> ToTags { get; init; } = [];
    public required IReadOnlyList<LedgerImage> Images { get; init; }
}

/// <summary>
/// The history of every Push and Promote, as JSON: the source of truth. Every Markdown page is generated from
/// it and never parsed back. Appending rewrites the file whole (atomically, <see cref="AtomicFile"/>: a crash
/// never leaves half a ledger).
/// </summary>
internal sealed record Ledger(IReadOnlyList<LedgerEntry> Entries)
{
    public const string FileName = "ledger.json";

    /// <summary>The entry a Push run recorded, on its own: the artifact a CI image job leaves for the job that
    /// appends the run's one entry to the wiki's ledger (see <see cref="PushEntries"/>).</summary>
    public const string EntryFileName = "ledger-entry.json";

    internal sealed record Document(IReadOnlyList<LedgerEntry> Entries);

    public static Ledger Empty { get; } = new([]);

    /// <summary>The ledger at <paramref name="path"/>; empty when there is none. A file that is not a ledger is an
    /// error naming the file and line, and is left as it is: appending to what could not be read would lose it.</summary>
    public static Ledger Load(string path)
    {
        if (!File.Exists(path)) return Empty;
        try
        {
            var doc = JsonSerializer.Deserialize(File.ReadAllText(path), LedgerJson.Default.Document);
            return doc?.Entries is { } entries ? new Ledger(entries)
                : throw new InvalidDataException($"{path}:1:1: not a Cascade ledger (no \"entries\" list). {LeftAsItIs}");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{SourceLocation.Of(path, e)}: not a Cascade ledger ({SourceLocation.Reason(e)}). {LeftAsItIs}", e);
        }
    }

    private const string LeftAsItIs =
        "Nothing was written to it: fix it, or restore it from its git history (the wiki's, when it lives in the wiki).";

    public Ledger Append(LedgerEntry entry) => new([.. Entries, entry]);

    /// <summary>Whether an entry with exactly these contents is in the ledger (compared as written).</summary>
    public bool Contains(LedgerEntry entry)
    {
        var text = JsonSerializer.Serialize(entry, LedgerJson.Default.LedgerEntry);
        return Entries.Any(e => JsonSerializer.Serialize(e, LedgerJson.Default.LedgerEntry) == text);
    }

    public void Save(string path) => WriteWhole(path, JsonSerializer.Serialize(new Document(Entries), LedgerJson.Default.Document) + "\n");

    /// <summary>One entry as its own file, in the ledger's words (see <see cref="EntryFileName"/>).</summary>
    public static void SaveEntry(string path, LedgerEntry entry) => WriteWhole(path, JsonSerializer.Serialize(entry, LedgerJson.Default.LedgerEntry) + "\n");

    public static LedgerEntry LoadEntry(string path)
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(path), LedgerJson.Default.LedgerEntry)
                   ?? throw new InvalidDataException($"{path}: empty; expected one Cascade ledger entry.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{SourceLocation.Of(path, e)}: not a Cascade ledger entry ({SourceLocation.Reason(e)}); it is written by `./build.sh Push`.", e);
        }
    }

    private static void WriteWhole(string path, string text) => AtomicFile.WriteAllText(path, text);

    /// <summary>Every record of one image, oldest first.</summary>
    public IEnumerable<(LedgerEntry Entry, LedgerImage Image)> RecordsOf(string image) =>
        Entries.SelectMany(e => e.Images.Where(i => i.Name == image).Select(i => (e, i)));

    /// <summary>The image names in the order they first appear.</summary>
    public IReadOnlyList<string> ImageNames => Entries.SelectMany(e => e.Images).Select(i => i.Name).Distinct().ToList();
}

/// <summary>The ledger's JSON, written by System.Text.Json's source generator: a Promote lives a fraction of a
/// second, and building the reflection-based serializer for these types first was a tenth of it.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, WriteIndented = true)]
[JsonSerializable(typeof(Ledger.Document))]
[JsonSerializable(typeof(LedgerEntry))]
internal sealed partial class LedgerJson : JsonSerializerContext;

internal static class LedgerQueries
{
    /// <summary>Whether a Push recorded that this digest of the image passed the tests of <paramref name="testFingerprint"/>.</summary>
    public static bool PassedTests(this Ledger ledger, string image, string digest, string testFingerprint) =>
        ledger.RecordsOf(image).Any(r => r.Image.Digest == digest && PassedTests(r.Entry, r.Image, testFingerprint));

    /// <summary>Whether this record is a Push's in which the image passed the tests of <paramref name="testFingerprint"/>.</summary>
    public static bool PassedTests(LedgerEntry entry, LedgerImage image, string testFingerprint) =>
        entry.Kind == LedgerKinds.Push && image.TestFingerprint == testFingerprint && image.Status.IsAvailable();

    /// <summary>The fingerprint the ledger last recorded for this digest of the image.</summary>
    public static string? FingerprintOf(this Ledger ledger, string image, string digest) =>
        ledger.RecordsOf(image).Where(r => r.Image.Digest == digest).Select(r => r.Image.Fingerprint).LastOrDefault(f => f is not null);

    /// <summary>The digest the ledger last gave this tag of the image (a push or a promotion), null when it never did.</summary>
    public static string? DigestTagged(this Ledger ledger, string image, string tag) =>
        ledger.RecordsOf(image).LastOrDefault(r => r.Image.Digest is not null && r.Image.Tags.Contains(tag, StringComparer.Ordinal)).Image?.Digest;

    /// <summary>
    /// The Push the images were built from: for each digest the push that first recorded it (its page's commit), and
    /// of those the newest — the commit whose tree makes every one of them (an image unchanged since is the same
    /// there). Null when the ledger has no push of any of them (they were pushed by runs it never heard of).
    /// </summary>
    public static LedgerEntry? BuiltFrom(this Ledger ledger, IEnumerable<(string Image, string Digest)> images) =>
        images.Select(i => ledger.RecordsOf(i.Image).FirstOrDefault(r => r.Entry.Kind == LedgerKinds.Push && r.Image.Digest == i.Digest).Entry)
            .OfType<LedgerEntry>()
            .MaxBy(e => e.When);
}
