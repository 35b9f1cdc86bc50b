using Cascade.Pipeline;
using Cascade.Registry;
using Cascade.Stacks;

namespace Cascade.Publishing;

/// <summary>
/// Compares each image a run made with the image it replaces: the first of the replaced tags (by default the default
/// branch's, else stable: <see cref="ImageTags.ReplacedTags"/>, through the layer cache's candidate rule) the registry
/// has. Both sides' facts are gathered here, from the engine and the registry (<see cref="ImageFactsCollector"/>): an
/// image job on a fresh runner has no ledger (it lives in the wiki), and a pull request's push records none, but the
/// registry and the engine are always there. The image replaced is pulled by its digest for this and removed again.
/// </summary>
internal sealed class ImageDiffer(StackSpec spec, RegistryClient registry, ImageFactsCollector collector, LayerCacheOptions replaced,
    string branch, TextWriter log)
{
    /// <summary>One row of the run's results.json; null for an image the run did not make (failed, skipped) or the
    /// stack no longer has.</summary>
    public async Task<ImageDiff?> CompareAsync(ResultRow row, CancellationToken ct)
    {
        if (row.Status == ImageStatus.Unchanged) return new ImageDiff { Name = row.Name, Change = ImageChange.Unchanged, After = row.Reference };
        if (!row.Status.IsAvailable() || row.Reference is not { } after || !spec.Contains(row.Name))
        {
            log.WriteLine($"Diff: {row.Name} was {row.Status.ToText()} in the last run: nothing to compare");
            return null;
        }
        try { return await CompareAsync(spec[row.Name], after, row.Digest, ct); }
        catch (Exception e) when (e is InvalidOperationException or RegistryException or HttpRequestException or global::Docker.DotNet.DockerApiException)
        {
            log.WriteLine($"warning: Diff: {row.Name}: {e.Message}");
            return new ImageDiff { Name = row.Name, Change = ImageChange.Changed, After = after, Note = $"not compared: {e.Message}" };
        }
    }

    private async Task<ImageDiff> CompareAsync(ImageSpec image, string after, string? digest, CancellationToken ct)
    {
        var before = await ReplacedAsync(image, ct);
        if (before is null) return ImageComparison.New(image.Name, after, await collector.DescribeAsync(spec, image, after, digest, ct));
        if (before.Value.Digest == digest)
            return new ImageDiff { Name = image.Name, Change = ImageChange.Unchanged, Before = before.Value.Reference, After = after };
        var byDigest = ReferenceParts.Split(before.Value.Reference).Name + "@" + before.Value.Digest;
        var old = await collector.DescribeAsync(spec, image, byDigest, before.Value.Digest, ct);
        var now = await collector.DescribeAsync(spec, image, after, digest, ct);
        return ImageComparison.Compare(image.Name, before.Value.Reference, old, after, now);
    }

    /// <summary>The first replaced tag the registry has for the image, and its digest; null when it has none (a new image).</summary>
    private async Task<(string Reference, string Digest)?> ReplacedAsync(ImageSpec image, CancellationToken ct)
    {
        if (RepositoryHost.Of(image.Repository) is null) return null; // not in a registry: nothing it replaces can be asked for
        foreach (var candidate in replaced.CandidatesFor(image, spec.TagPrefix, branch))
            if (await registry.ManifestExistsAsync(candidate, ct) is { } found)
                return (candidate, found);
        return null;
    }
}
