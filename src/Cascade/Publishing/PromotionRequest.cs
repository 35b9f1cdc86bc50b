namespace Cascade.Publishing;

/// <summary>What Promote was asked: --from-tag, --to-tag, --dry-run, and --images (else every image).</summary>
sealed record PromotionRequest(string? FromTag, IReadOnlyList<string> ToTags, bool DryRun, IReadOnlyList<string> Images);
