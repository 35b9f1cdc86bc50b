using Cascade.Registry;

namespace Cascade.Publishing;

/// <summary>
/// What a promotion says of signatures and SBOMs (ci.sign, ci.sbom): cosign keys them by digest, and a promotion points
/// the new tags at the same digest, so each one an image has holds under its new tags as it is — nothing to sign again.
/// The registry is asked (cosign's tags beside the digest, <see cref="CosignTags"/>) so that the note is true of each
/// image; only for a stack that signs or attests, so that a promotion of any other asks nothing more.
/// </summary>
internal sealed class PromotedSignatures(RegistryClient registry, TextWriter log)
{
    public async Task ReportAsync(PromotionPlan plan, CancellationToken ct)
    {
        var tags = string.Join(", ", plan.ToTags);
        foreach (var (move, found) in plan.Moves.Zip(await Task.WhenAll(plan.Moves.Select(m => FoundAsync(m, ct)))))
            log.WriteLine(found switch
            {
                null => $"  {move.Image}: could not ask the registry for cosign's signatures of {move.Manifest.Digest}",
                { Count: > 0 } => $"  {move.Image}: its signatures and attestations ({string.Join(", ", found)}) are keyed by its digest " +
                                  $"{move.Manifest.Digest}, so they hold for {tags} as they are",
                _ => $"  {move.Image}: {move.Manifest.Digest} has no cosign signature or attestation in the registry (CI signs and attests what " +
                     "it pushes with ci.sign and ci.sbom on; this digest was pushed without them)",
            });
    }

    // A note, after the tags moved (or for a dry run): a registry that does not answer fails nothing.
    private async Task<IReadOnlyList<string>?> FoundAsync(PromotionMove move, CancellationToken ct)
    {
        try
        {
            return await CosignTags.FoundAsync(registry, move.Source, move.Manifest.Digest, ct);
        }
        catch (Exception e) when (e is RegistryException or HttpRequestException)
        {
            return null;
        }
    }
}
