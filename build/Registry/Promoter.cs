namespace Cascade.Registry;

/// <summary>
/// Promotion registry-side, all or nothing: every source tag is resolved to its manifest and every target
/// tag's current manifest is recorded before anything is written; then the same manifest bytes are PUT under
/// each target tag (no layer moves, no Docker engine). When a write fails part-way, the tags already moved are
/// put back as they were, or removed when they did not exist, and the promotion fails saying so.
/// </summary>
public sealed class Promoter(RegistryClient client, TextWriter log)
{
    public async Task<PromotionPlan> PlanAsync(IReadOnlyList<PromotionSource> sources, IReadOnlyList<string> toTags, CancellationToken ct)
    {
        if (toTags.Count == 0) throw new PromotionException("--to-tag: give at least one tag to promote to.");
        var moves = new List<PromotionMove>();
        var missing = new List<string>();
        foreach (var source in sources)
        {
            var manifest = await client.GetManifestAsync(source.Source, ct);
            if (manifest is null) { missing.Add($"{source.Image} ({source.Source})"); continue; }
            var targets = new List<TargetTag>();
            foreach (var tag in toTags)
                targets.Add(new TargetTag(tag, await client.GetManifestAsync(source.Source.WithTag(tag), ct)));
            moves.Add(new PromotionMove(source.Image, source.Source, manifest, targets));
        }
        if (missing.Count > 0)
            throw new PromotionException($"Nothing was promoted: {missing.Count} source tag(s) do not exist in the registry: " +
                                         string.Join(", ", missing) + ". Push them first (./build.sh Push), or promote only the others with --images.");
        return new PromotionPlan(moves, toTags);
    }

    /// <summary>Writes the plan. On a failure, undoes what was written and throws a <see cref="PromotionException"/>.</summary>
    public async Task ApplyAsync(PromotionPlan plan, CancellationToken ct)
    {
        var written = new List<(PromotionMove Move, TargetTag Target)>();
        try
        {
            foreach (var move in plan.Moves)
            {
                foreach (var target in move.Changes)
                {
                    await client.PutManifestAsync(move.Source, target.Tag, move.Manifest, ct);
                    written.Add((move, target));
                }
                log.WriteLine($"  {move.Image}: {move.Describe()}");
            }
        }
        catch (Exception e) when (e is RegistryException or HttpRequestException or TaskCanceledException or OperationCanceledException)
        {
            var undone = await RollBackAsync(written);
            throw new PromotionException($"Promotion failed and was rolled back: {e.Message}\n{undone}");
        }
    }

    // Newest first, never cancelled: a half-undone promotion is the one outcome we must not leave behind.
    private async Task<string> RollBackAsync(List<(PromotionMove Move, TargetTag Target)> written)
    {
        var lines = new List<string>();
        var eraser = new TagEraser(client);
        foreach (var (move, target) in Enumerable.Reverse(written))
        {
            var where = $"{move.Source.Name}:{target.Tag}";
            try
            {
                if (target.Previous is { } previous)
                {
                    await client.PutManifestAsync(move.Source, target.Tag, previous, CancellationToken.None);
                    lines.Add($"  restored {where} to {previous.Digest}");
                }
                else
                {
                    await eraser.EraseAsync(move.Source, target.Tag, move.Manifest, CancellationToken.None);
                    lines.Add($"  removed {where} (it did not exist before)");
                }
            }
            catch (Exception e) when (e is RegistryException or HttpRequestException or TaskCanceledException)
            {
                lines.Add($"  COULD NOT undo {where}: {e.Message}; it now points at {move.Manifest.Digest}" +
                          (target.PreviousDigest is { } d ? $", was {d}" : ", did not exist before"));
            }
        }
        if (lines.Count == 0) lines.Add("  nothing had been written yet.");
        foreach (var line in lines) log.WriteLine(line);
        return string.Join("\n", lines);
    }
}
