namespace Cascade.Changes.Fingerprints;

/// <summary>
/// What an image's tests check, as one SHA-256 (<see cref="Value"/> is "sha256:&lt;64 hex&gt;"): the content of every
/// file that decides it and its integration commands (see <see cref="TestFingerprinter"/>). A digest that passed
/// tests of one test fingerprint is trusted without testing only for that one.
/// </summary>
/// <param name="Places">The folders and files that hold those files, relative to the stack folder ('/'-separated,
/// "../" for one outside it): a change below one of them is a change to the image's tests.</param>
/// <param name="IsEmpty">Nothing decides what its tests check: it has no test file and no integration command.</param>
internal sealed record TestFingerprint(string Value, IReadOnlyList<string> Places, bool IsEmpty = false)
{
    /// <summary>The folders (relative to the stack folder, as <see cref="Places"/>) whose conftest.py and pytest ini
    /// files apply to the image's tests: a change to one of those is a change to its tests.</summary>
    public IReadOnlyList<string> ConfigFolders { get; init; } = [];

    /// <summary>The start of the tag that records, in an image's repository, that a digest passed these tests.</summary>
    public const string RecordTagPrefix = "tested-";

    /// <summary>The first 16 hex digits: shown in the plan and used in the record tag.</summary>
    public string Short => Value["sha256:".Length..][..ImageFingerprint.ShortLength];

    /// <summary>`tested-&lt;digest's first 16 hex&gt;-&lt;short&gt;`: the tag, in the image's repository, that points at
    /// <paramref name="digest"/> once that manifest passed these tests. Keyed by the pair, so it is written only by a
    /// run that tested exactly that manifest with exactly these tests, and any runner can read it.</summary>
    public string RecordTag(string digest)
    {
        var hex = digest.StartsWith("sha256:", StringComparison.Ordinal) ? digest["sha256:".Length..] : digest;
        return RecordTagPrefix + hex[..Math.Min(ImageFingerprint.ShortLength, hex.Length)] + "-" + Short;
    }
}
