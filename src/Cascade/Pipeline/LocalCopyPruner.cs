using Cascade.Docker;
using Cascade.Stacks;

namespace Cascade.Pipeline;

/// <summary>
/// prune: true — once everything below an image in this run is done, its local copy is only taking disk space.
/// Only after a push: without one, removing it would lose the image altogether.
/// </summary>
internal sealed class LocalCopyPruner(IDockerEngine docker, RunContext run, StackGraph graph, IReadOnlySet<string> inPlan)
{
    private readonly List<string> candidates = graph.TopologicalOrder.Where(n => inPlan.Contains(n) && run.Spec[n].Prune).ToList();

    /// <summary>Removes the local tags of each candidate that was pushed and has nothing left to do below it.</summary>
    public async Task PruneFinishedAsync(IReadOnlyDictionary<string, ImageResult> results)
    {
        if (run.Options.UpTo != PipelineStage.Push) return;
        foreach (var name in candidates.ToList())
        {
            if (!results.TryGetValue(name, out var r)) continue;
            if (!r.IsAvailable || r.Stage != PipelineStage.Push) { candidates.Remove(name); continue; }
            if (!graph.Descendants(name).Where(inPlan.Contains).All(results.ContainsKey)) continue;
            candidates.Remove(name);
            await RemoveLocalTagsAsync(run.Spec[name]);
        }
    }

    // Every tag the run gave it, the per-platform ones too; one already gone leaves nothing to prune.
    private async Task RemoveLocalTagsAsync(ImageSpec image)
    {
        foreach (var tag in run.Tags(image).Concat(image.Platforms.SelectMany(p => run.ForPlatform(p).Tags(image))))
        {
            try { await docker.RemoveImageAsync(tag, CancellationToken.None); }
            catch (Exception e) when (e is not OperationCanceledException) { /* already gone: nothing to prune */ }
        }
    }
}
