using Cascade.Changes.Fingerprints;
using Cascade.Registry;
using Cascade.Stacks;

namespace Cascade.Pipeline;

/// <summary>
/// The registry's record that a manifest passed an image's tests: the tag <see cref="TestFingerprint.RecordTag"/>
/// (`tested-&lt;digest&gt;-&lt;tests&gt;`) in the image's repository, pointing at that manifest. It is written only
/// after the tests of exactly that test fingerprint passed on exactly that digest, and it travels with the images,
/// so a fresh runner (which has no ledger: on CI the ledger is the wiki's, written after the image jobs) can read
/// it. Reuse trusts a digest without testing only on this record; Promote's gate asks it too.
/// </summary>
internal sealed class TestRecords(RegistryClient? registry)
{
    /// <summary>Whether the registry records that <paramref name="digest"/> passed <paramref name="tests"/>. An image
    /// whose tests check nothing has nothing to pass. False when the registry cannot say (then the tests run).</summary>
    public async Task<bool> PassedAsync(ImageSpec image, TestFingerprint tests, string digest, CancellationToken ct)
    {
        if (tests.IsEmpty) return true;
        if (registry is null) return false;
        try { return await registry.ManifestExistsAsync(Reference(image, tests, digest), ct) == digest; }
        catch (Exception e) when (e is RegistryException or HttpRequestException or ArgumentException) { return false; }
    }

    /// <summary>Records that <paramref name="digest"/> passed <paramref name="tests"/>: the record tag is pointed at it
    /// registry-side (a manifest PUT, no layer moves). Without a registry client nothing is recorded, and a later
    /// reuse of the digest tests it again: the safe answer. Returns whether it was recorded.</summary>
    public async Task<bool> RecordAsync(ImageSpec image, TestFingerprint tests, string digest, CancellationToken ct)
    {
        if (tests.IsEmpty || registry is null) return false; // an image whose tests check nothing is trusted as it is
        await registry.CopyTagAsync(ImageReference.Parse(image.Repository), digest, tests.RecordTag(digest), ct);
        return true;
    }

    private static ImageReference Reference(ImageSpec image, TestFingerprint tests, string digest) =>
        ImageReference.Parse(ImageTags.Reference(image.Repository, tests.RecordTag(digest)));
}
