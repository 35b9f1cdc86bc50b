using Cascade.Registry;

namespace Cascade.Publishing;

/// <summary>
/// Promotion registry-side, all or nothing: every source tag is resolved to its manifest and every target
/// tag's current manifest is recorded before anything is written; then the same manifest bytes are PUT under
/// each target tag (no layer moves, no Docker engine). When a write fails part-way, the tags already moved are
/// put back as they were, or removed when they did not exist, and the promotion fails saying so.
/// </summary>
internal sealed class Promoter(RegistryClient client, TextWriter log)
{
    public async Task<PromotionPlan> PlanAsync(IReadOnlyList<PromotionSource> sources, IReadOnlyList<string> toTags, CancellationToken ct)
    {
        if (toTags.Count == 0) throw new PromotionException("--to-tag: give at least one tag to promote to.");
        // Every lookup at once: each is one small GET, and a stack's worth of round trips one after another
        // would be most of the promotion's time.
        var resolved = await Task.WhenAll(sources.Select(async source =>
        {
            var manifest = client.GetManifestAsync(source.Source, ct);
            var targets = toTags.Select(async tag => new TargetTag(tag, await client.GetManifestAsync(source.Source.WithTag(tag), ct))).ToList();
            return (Source: source, Manifest: await manifest, Targets: await Task.WhenAll(targets));
        }));
        var missing = resolved.Where(r => r.Manifest is null).Select(r => $"{r.Source.Image} ({r.Source.Source})").ToList();
        if (missing.Count > 0)
            throw new PromotionException($"Nothing was promoted: {missing.Count} source tag(s) do not exist in the registry: " +
                                         string.Join(", ", missing) + ". Push them first (./build.sh Push), or promote only the others with --images.");
        return new PromotionPlan(resolved.Select(r => new PromotionMove(r.Source.Image, r.Source.Source, r.Manifest!, r.Targets)).ToList(), toTags);
    }

    /// <summary>Writes the plan, images in parallel (each image's tags in order). On a failure, lets the writes
    /// under way finish, undoes every one that was made and throws a <see cref="PromotionException"/>.</summary>
    public async Task ApplyAsync(PromotionPlan plan, CancellationToken ct)
    {
        var written = new List<(PromotionMove Move, TargetTag Target)>();
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var errors = new List<Exception>();
        await Task.WhenAll(plan.Moves.Select(async move =>
        {
            try
            {
                foreach (var target in move.Changes)
                {
                    failed.Token.ThrowIfCancellationRequested();
                    await client.PutManifestAsync(move.Source, target.Tag, move.Manifest, CancellationToken.None);
                    lock (written) written.Add((move, target));
                }
            }
            catch (Exception e) when (e is RegistryException or HttpRequestException or TaskCanceledException or OperationCanceledException)
            {
                lock (written) errors.Add(e);
                await failed.CancelAsync();
            }
        }));
        // Reported in the stack's order, whatever order the writes finished in.
        foreach (var move in plan.Moves.Where(m => m.Changes.All(t => written.Contains((m, t)))))
            log.WriteLine($"  {move.Image}: {move.Describe()}");
        if (errors.Count == 0) return;
        var undone = await RollBackAsync(written);
        var cause = errors.FirstOrDefault(e => e is not OperationCanceledException) ?? errors[0];
        throw new PromotionException($"Promotion failed and was rolled back: {cause.Message}\n{undone}");
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
