namespace Cascade.Publishing;

/// <summary>
/// What the ledger knows of one digest, from every record of it: a later record adds to what earlier ones knew and
/// never erases it. A Push that reused the digest from the registry did not test it (its facts have no tests), and a
/// machine without one platform's image has no layers for it; what a record lacks, the earlier records keep. Where
/// two records know the same thing (a test's result, an info command's output, a size), the newer one wins.
/// </summary>
internal static class ImageFactsUnion
{
    /// <summary>The union of every record's facts, oldest first; null when none has any.</summary>
    public static ImageFacts? Of(IEnumerable<ImageFacts?> oldestFirst)
    {
        ImageFacts? union = null;
        foreach (var facts in oldestFirst)
            if (facts is not null) union = union is null ? facts : Add(union, facts);
        return union;
    }

    /// <summary><paramref name="known"/> with what <paramref name="newer"/> knows added.</summary>
    public static ImageFacts Add(ImageFacts known, ImageFacts newer) => new()
    {
        CompressedSize = newer.CompressedSize ?? known.CompressedSize,
        UncompressedSize = newer.UncompressedSize ?? known.UncompressedSize,
        Platform = newer.Platform ?? known.Platform,
        Created = newer.Created ?? known.Created,
        Parent = newer.Parent ?? known.Parent,
        ParentDigest = newer.ParentDigest ?? known.ParentDigest,
        BuildArgs = newer.BuildArgs.Count > 0 ? newer.BuildArgs : known.BuildArgs,
        Tests = ByKey(known.Tests, newer.Tests, t => t.Name, (_, n) => n),
        Layers = newer.Layers.Count > 0 ? newer.Layers : known.Layers,
        Info = ByKey(known.Info, newer.Info, i => i.Key, (_, n) => n),
        Platforms = known.Platforms is null || newer.Platforms is null ? newer.Platforms ?? known.Platforms
            : ByKey(known.Platforms, newer.Platforms, p => p.Platform, Add),
        InfoPlatform = newer.InfoPlatform ?? known.InfoPlatform,
    };

    private static PlatformFacts Add(PlatformFacts known, PlatformFacts newer) => new()
    {
        Platform = newer.Platform,
        Digest = newer.Digest ?? known.Digest,
        CompressedSize = newer.CompressedSize ?? known.CompressedSize,
        UncompressedSize = newer.UncompressedSize ?? known.UncompressedSize,
        Layers = newer.Layers.Count > 0 ? newer.Layers : known.Layers,
    };

    /// <summary>Every item of both lists once, by key, in order of first appearance; an item both know is merged.</summary>
    private static List<T> ByKey<T>(IReadOnlyList<T> known, IReadOnlyList<T> newer, Func<T, string> key, Func<T, T, T> merge)
    {
        var result = known.ToList();
        var at = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < result.Count; i++) at.TryAdd(key(result[i]), i);
        foreach (var item in newer)
        {
            if (at.TryGetValue(key(item), out var i)) result[i] = merge(result[i], item);
            else
            {
                at[key(item)] = result.Count;
                result.Add(item);
            }
        }
        return result;
    }
}
