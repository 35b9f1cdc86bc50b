using Cascade.Docker;

namespace Cascade.Publishing;

/// <summary>Compares the facts of an image with those of the image it replaces: sizes, the layers each has that the
/// other has not, and each info_cmds entry's output line by line.</summary>
internal static class ImageComparison
{
    public static ImageDiff Compare(string name, string before, ImageFacts old, string after, ImageFacts now) => new()
    {
        Name = name, Change = ImageChange.Changed, Before = before, After = after,
        Compressed = new SizeChange(old.CompressedSize, now.CompressedSize),
        Uncompressed = new SizeChange(old.UncompressedSize, now.UncompressedSize),
        LayersAdded = Missing(now.Layers, from: old.Layers),
        LayersRemoved = Missing(old.Layers, from: now.Layers),
        Info = Info(old.Info, now.Info),
    };

    /// <summary>An image the registry had none of before: its sizes after.</summary>
    public static ImageDiff New(string name, string after, ImageFacts now) => new()
    {
        Name = name, Change = ImageChange.New, After = after,
        Compressed = new SizeChange(null, now.CompressedSize), Uncompressed = new SizeChange(null, now.UncompressedSize),
    };

    /// <summary>The layers of <paramref name="layers"/> that <paramref name="from"/> lacks, as a multiset: a layer is its
    /// Dockerfile step and its size (its time differs in every build, the same step makes the same layer).</summary>
    private static IReadOnlyList<LayerRow> Missing(IReadOnlyList<LayerRow> layers, IReadOnlyList<LayerRow> from)
    {
        var left = from.GroupBy(Key).ToDictionary(g => g.Key, g => g.Count());
        var missing = new List<LayerRow>();
        foreach (var layer in layers.Where(l => !IsBuildStamp(l)))
        {
            if (left.GetValueOrDefault(Key(layer)) is > 0 and var count) left[Key(layer)] = count - 1;
            else missing.Add(layer);
        }
        return missing;
    }

    /// <summary>The empty step of the labels Cascade stamps on every build (its time, commit, version): different in
    /// each build by design, so no change to report.</summary>
    private static bool IsBuildStamp(LayerRow layer) =>
        layer.Size == 0 && layer.Command.Contains(OciLabels.Created + "=", StringComparison.Ordinal);

    private static (string, long) Key(LayerRow layer) => (layer.Command, layer.Size);

    /// <summary>Each entry the image runs now, its output's lines added and removed; an entry new to the image
    /// compares with nothing (all its lines added), one it no longer runs is left out (it says nothing now).</summary>
    private static IReadOnlyList<InfoChange> Info(IReadOnlyList<InfoOutput> old, IReadOnlyList<InfoOutput> now) =>
        now.Select(n => new InfoChange(n.Key, n.Description,
                LineDiff.Changes(old.FirstOrDefault(o => o.Key == n.Key)?.Output ?? "", n.Output)))
            .ToList();
}
