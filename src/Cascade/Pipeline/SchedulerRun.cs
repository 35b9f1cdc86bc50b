using Cascade.Docker;
using Cascade.Stacks;

namespace Cascade.Pipeline;

/// <summary>What every image of one scheduler run goes through.</summary>
internal sealed record RunServices(IDockerEngine Docker, ImageLookup Lookup, ImagePipeline Pipeline, IRunReporter Reporter);

/// <summary>
/// One run of <see cref="DagScheduler"/>: the images waiting for their parents, the ready ones (most remaining
/// work first), the running ones, and each result as it comes. A finished image releases its children; a failed or
/// skipped one skips everything below it. --continue and pruning are its two named helpers.
/// </summary>
internal sealed class SchedulerRun
{
    private readonly StackSpec spec;
    private readonly StackGraph graph;
    private readonly RunContext run;
    private readonly RunServices services;
    private readonly CancellationToken ct;
    private readonly IReadOnlyList<string> plan;
    private readonly HashSet<string> inPlan;
    private readonly ReadyQueue ready;
    private readonly RunContinuation continuation;
    private readonly LocalCopyPruner pruner;
    private readonly Dictionary<string, ImageResult> results = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ParentImage> parentsOf = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> waiting;
    private readonly Dictionary<Task<ImageResult>, string> running = [];

    /// <param name="previousDurations">The weights of the critical path (see <see cref="CriticalPath"/>).</param>
    public SchedulerRun(RunRequest request, RunContext run, RunServices services, IReadOnlyDictionary<string, TimeSpan> previousDurations,
        CancellationToken ct)
    {
        (spec, graph, this.run, this.services, this.ct) = (request.Spec, request.Graph, run, services, ct);
        plan = graph.Order(request.Affected.Where(graph.Contains));
        inPlan = plan.ToHashSet(StringComparer.Ordinal);
        waiting = plan.ToDictionary(n => n, n => graph.Parents(n).Count(inPlan.Contains), StringComparer.Ordinal);
        continuation = RunContinuation.Open(run, services.Lookup);
        ready = new ReadyQueue(run.Options.Scheduling, CriticalPath.RemainingWork(graph, plan, previousDurations));
        pruner = new LocalCopyPruner(services.Docker, run, graph, inPlan);
    }

    private RunOptions Options => run.Options;

    public async Task<RunResult> RunAsync()
    {
        services.Reporter.RunStarting(plan);
        await FindParentsOutsideThePlanAsync();
        foreach (var name in plan.Where(n => waiting[n] == 0)) ready.Add(name);
        while (ready.Count > 0 || running.Count > 0)
        {
            await StartReadyAsync();
            if (running.Count == 0) break;
            await FinishNextAsync();
            await pruner.PruneFinishedAsync(results);
        }
        foreach (var name in plan.Where(n => !results.ContainsKey(n)))
            Finish(Skipped(name, DagScheduler.CancelledReason));
        return new RunResult(AllImages(), ct.IsCancellationRequested);
    }

    // Parents outside the plan: their exact content, by fingerprint tag (found or built first by the caller).
    private async Task FindParentsOutsideThePlanAsync()
    {
        foreach (var outside in plan.SelectMany(graph.Parents).Where(p => !inPlan.Contains(p)).Distinct().ToList())
        {
            var reference = run.FingerprintReference(spec[outside]);
            var digest = run.HasRegistry(spec[outside]) ? await services.Lookup.FindInRegistryAsync(reference, ct) : null;
            parentsOf[outside] = new ParentImage(outside, reference, digest);
        }
    }

    private async Task StartReadyAsync()
    {
        var parallelism = Math.Max(1, Options.Parallelism);
        while (running.Count < parallelism && !ct.IsCancellationRequested && ready.TryTake(out var next))
            if (!results.ContainsKey(next)) await StartAsync(next);
    }

    private async Task StartAsync(string name)
    {
        var before = Options.Continue ? await continuation.StillValidAsync(name, ct) : null;
        if (before is not null && before.Stage >= Options.UpTo)
        {
            Finish(RunContinuation.Continued(before));
            return;
        }
        var parents = graph.Parents(name).Select(p => parentsOf[p]).ToList();
        // An image that got part of the way goes on from where it stopped: found by its fingerprint, not built again.
        var scoped = before is null ? run : run with { Options = Options.After(before.Stage, before.TestFingerprint) };
        running[services.Pipeline.RunAsync(spec[name], parents, scoped, ct)] = name;
        if (before is not null) continuation.Resumes(name, before.Stage);
    }

    private async Task FinishNextAsync()
    {
        var done = await Task.WhenAny(running.Keys);
        var name = running[done];
        running.Remove(done);
        Finish(continuation.AsResumed(name, await done));
    }

    private void Finish(ImageResult result)
    {
        results[result.Name] = result;
        services.Reporter.ImageFinished(result);
        if (result.Reason != DagScheduler.ContinuedReason) continuation.RecordProgress(result);
        if (result.IsAvailable) Release(result);
        else SkipBelow(result);
    }

    // Its children build FROM it by fingerprint; each starts once its last parent in the plan is done.
    private void Release(ImageResult result)
    {
        parentsOf[result.Name] = new ParentImage(result.Name, run.FingerprintReference(spec[result.Name]), result.Digest);
        foreach (var child in graph.Children(result.Name).Where(inPlan.Contains))
            if (!results.ContainsKey(child) && --waiting[child] == 0) ready.Add(child);
    }

    private void SkipBelow(ImageResult failed)
    {
        foreach (var child in graph.Children(failed.Name).Where(inPlan.Contains))
        {
            if (results.ContainsKey(child)) continue;
            var reason = ct.IsCancellationRequested ? DagScheduler.CancelledReason
                : failed.Status == ImageStatus.Failed ? $"parent {failed.Name} failed"
                : $"parent {failed.Name} skipped ({failed.Reason})";
            Finish(Skipped(child, reason));
        }
    }

    private ImageResult Skipped(string name, string reason) => new()
    {
        Name = name, Status = ImageStatus.Skipped, Reason = reason, Fingerprint = run.FingerprintOf(spec[name]).Value,
    };

    // Every image of the stack, parents first: those outside the plan unchanged, by their fingerprint tag.
    private List<ImageResult> AllImages() => graph.TopologicalOrder.Select(n => results.TryGetValue(n, out var r) ? r : new ImageResult
    {
        Name = n, Status = ImageStatus.Unchanged, Reference = run.FingerprintReference(spec[n]),
        Fingerprint = run.FingerprintOf(spec[n]).Value,
    }).ToList();
}
