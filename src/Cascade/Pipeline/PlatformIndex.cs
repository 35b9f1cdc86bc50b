using Cascade.Registry;
using Cascade.Stacks;

namespace Cascade.Pipeline;

/// <summary>
/// The one home of a multi-platform image's index: it lists each platform's image by its per-platform
/// fingerprint tag and is written under the image's shared tags (branch, sha, the whole image's fp- tag).
/// Used by a Push of every platform in one process (after each platform's image is pushed) and by the
/// PushIndex target (after one runner per platform pushed its own). Nothing is written unless every platform's
/// image is in the registry: a tag never names half an image.
/// </summary>
internal sealed class PlatformIndex(RegistryClient registry)
{
    /// <summary>Each platform and the tag of its image in the image's repository (its per-platform fp- tag).</summary>
    public static IReadOnlyList<(Platform Platform, string Tag)> Entries(ImageSpec image, RunContext run) =>
        image.Platforms.Select(p => (p, ImageReference.Parse(run.ForPlatform(p).FingerprintReference(image)).Tag!)).ToList();

    /// <summary>The tags the index is written under: the whole image's tags in a run without --platform.</summary>
    public static IReadOnlyList<string> SharedTags(ImageSpec image, RunContext run) =>
        run.Tags(image).Select(t => ImageReference.Parse(t).Tag!).ToList();

    /// <summary>The platforms whose image the registry lacks (by its per-platform fp- tag), in the spec's order.</summary>
    public async Task<IReadOnlyList<(Platform Platform, string Reference)>> MissingAsync(ImageSpec image, RunContext run, CancellationToken ct)
    {
        var missing = new List<(Platform, string)>();
        foreach (var platform in image.Platforms)
        {
            var reference = run.ForPlatform(platform).FingerprintReference(image);
            if (await registry.ManifestExistsAsync(reference, ct) is null) missing.Add((platform, reference));
        }
        return missing;
    }

    /// <summary>Whether the registry records that every platform's image passed the image's current tests: then the
    /// index (which is nothing but them) has passed them too.</summary>
    public async Task<bool> EveryPlatformPassedAsync(ImageSpec image, RunContext run, TestRecords records, CancellationToken ct)
    {
        var tests = run.TestFingerprintOf(image);
        foreach (var platform in image.Platforms)
        {
            var digest = await registry.ManifestExistsAsync(run.ForPlatform(platform).FingerprintReference(image), ct);
            if (digest is null || !await records.PassedAsync(image, tests, digest, ct)) return false;
        }
        return true;
    }

    /// <summary>Writes the index under the shared tags, saying what it does in <paramref name="log"/>. Returns its digest.</summary>
    public async Task<string> WriteAsync(ImageSpec image, RunContext run, TextWriter log, CancellationToken ct)
    {
        var repository = ImageReference.Parse(image.Repository);
        var entries = Entries(image, run);
        var tags = SharedTags(image, run);
        log.WriteLine($"Writing the index of {string.Join(", ", entries.Select(e => $"{e.Platform} ({e.Tag})"))} as {string.Join(", ", tags)}");
        var digest = await registry.PutIndexAsync(repository, entries, tags, ct);
        log.WriteLine($"{repository.Name}@{digest}");
        return digest;
    }
}
