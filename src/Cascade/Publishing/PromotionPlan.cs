using Cascade.Registry;

namespace Cascade.Publishing;

/// <summary>One image to promote: its source reference (repository and the tag to promote from).</summary>
internal sealed record PromotionSource(string Image, ImageReference Source);

/// <summary>A target tag and the manifest it held before the promotion (null: the tag did not exist).</summary>
internal sealed record TargetTag(string Tag, RegistryManifest? Previous)
{
    public string? PreviousDigest => Previous?.Digest;
}

/// <summary>One image's move: its source manifest, to be stored under each target tag.</summary>
internal sealed record PromotionMove(string Image, ImageReference Source, RegistryManifest Manifest, IReadOnlyList<TargetTag> Targets)
{
    /// <summary>The tags that change (a tag already pointing at the source's digest stays as it is).</summary>
    public IEnumerable<TargetTag> Changes => Targets.Where(t => t.PreviousDigest != Manifest.Digest);

    /// <summary>`repo:from@sha256:… → to1 (was sha256:…), to2 (new)`.</summary>
    public string Describe() =>
        $"{Source} {Manifest.Digest} → " + string.Join(", ", Targets.Select(t =>
            t.PreviousDigest == Manifest.Digest ? $"{t.Tag} (already)"
            : t.PreviousDigest is null ? $"{t.Tag} (new)"
            : $"{t.Tag} (was {t.PreviousDigest})"));
}

/// <summary>Everything a promotion will write, resolved before anything is written.</summary>
internal sealed record PromotionPlan(IReadOnlyList<PromotionMove> Moves, IReadOnlyList<string> ToTags);

/// <summary>A promotion that did not happen, or was undone; the message says which images and tags.</summary>
internal sealed class PromotionException(string message) : Exception(message);
