namespace Cascade.Registry;

/// <summary>
/// Where cosign keeps what it signs and attests for a digest, in the image's own repository: cosign 2 under the tags
/// `sha256-&lt;hex&gt;.sig` (signatures) and `sha256-&lt;hex&gt;.att` (attestations, such as an SBOM); cosign 3 as OCI referrers,
/// which a registry without the referrers API (ghcr.io) lists in an index under the tag `sha256-&lt;hex&gt;`. All are keyed
/// by the digest alone: a tag moved to the same digest (a promotion) keeps every one of them.
/// </summary>
internal static class CosignTags
{
    public static IReadOnlyList<string> For(string digest)
    {
        var stem = digest.Replace(':', '-');
        return [stem + ".sig", stem + ".att", stem];
    }

    /// <summary>Those of <see cref="For"/> that <paramref name="repository"/> has for <paramref name="digest"/>: one HEAD each, at once.</summary>
    public static async Task<IReadOnlyList<string>> FoundAsync(RegistryClient client, ImageReference repository, string digest, CancellationToken ct)
    {
        var tags = For(digest);
        var found = await Task.WhenAll(tags.Select(t => client.ManifestExistsAsync(repository.WithTag(t), ct)));
        return tags.Where((_, i) => found[i] is not null).ToList();
    }
}
