using Cascade.Docker;
using Cascade.Stacks;

namespace Cascade.Pipeline;

/// <summary>The images to run: the plan's affected set within a validated stack.</summary>
public sealed record RunRequest(StackSpec Spec, StackGraph Graph, IReadOnlyCollection<string> Affected, RunOptions Options);

/// <summary>
/// Runs the plan's images through their pipelines along the DAG: an image starts once all its parents in
/// the plan are done, up to <see cref="RunOptions.Parallelism"/> at once; a failure skips only what lies
/// below it. Cancellation starts nothing new, cancels what runs, and still returns a full result.
/// </summary>
public sealed class DagScheduler(IDockerEngine docker, IRunReporter reporter, TimeProvider clock, HostCommandRunner host)
{
    public const string ContinuedReason = "succeeded in previous run";
    public const string CancelledReason = "cancelled";

    public DagScheduler(IDockerEngine docker, IRunReporter reporter, TimeProvider clock)
        : this(docker, reporter, clock, new HostCommandRunner()) { }

    public async Task<RunResult> RunAsync(RunRequest request, CancellationToken ct)
    {
        var (spec, graph, _, options) = request;
        var run = RunContext.Create(spec, options);
        var plan = graph.Order(request.Affected.Where(graph.Contains));
        var inPlan = plan.ToHashSet(StringComparer.Ordinal);
        var index = plan.Select((n, i) => (n, i)).ToDictionary(x => x.n, x => x.i, StringComparer.Ordinal);
        var pipeline = new ImagePipeline(docker, new BuildInputs(clock),
            new ImageTester(docker, host, new TestDiscovery(spec), clock), reporter, clock);

        var results = new Dictionary<string, ImageResult>(StringComparer.Ordinal);
        var parentsOf = new Dictionary<string, ParentImage>(StringComparer.Ordinal);
        var fingerprint = RunState.Fingerprint(plan, options.Branch);
        var state = PrepareState(run);

        reporter.RunStarting(plan);

        // Parents outside the plan are used as they are, by their existing branch tag.
        foreach (var outside in plan.SelectMany(graph.Parents).Where(p => !inPlan.Contains(p)).Distinct().ToList())
        {
            var reference = run.ExistingReference(spec[outside]);
            parentsOf[outside] = new ParentImage(outside, reference, await FindQuietly(reference, ct));
        }

        var waiting = plan.ToDictionary(n => n, n => graph.Parents(n).Count(inPlan.Contains), StringComparer.Ordinal);
        var ready = new PriorityQueue<string, int>();
        var running = new Dictionary<Task<ImageResult>, string>();
        var pruneCandidates = plan.Where(n => spec[n].Prune).ToList();
        var parallelism = Math.Max(1, options.Parallelism);

        void Finish(ImageResult result)
        {
            results[result.Name] = result;
            reporter.ImageFinished(result);
            if (result.Status == ImageStatus.Succeeded)
            {
                parentsOf[result.Name] = new ParentImage(result.Name, result.Reference!, result.Digest ?? result.ImageId);
                if (result.Reason != ContinuedReason)
                    state.Record(new SucceededImage(result.Name, result.Reference!, result.ImageId, options.UpTo, fingerprint));
                foreach (var child in graph.Children(result.Name).Where(inPlan.Contains))
                    if (!results.ContainsKey(child) && --waiting[child] == 0) ready.Enqueue(child, index[child]);
            }
            else
            {
                state.Forget(result.Name);
                SkipBelow(result);
            }
        }

        void SkipBelow(ImageResult failed)
        {
            foreach (var child in graph.Children(failed.Name).Where(inPlan.Contains))
            {
                if (results.ContainsKey(child)) continue;
                var reason = ct.IsCancellationRequested ? CancelledReason
                    : failed.Status == ImageStatus.Failed ? $"parent {failed.Name} failed"
                    : $"parent {failed.Name} skipped ({failed.Reason})";
                Finish(Skipped(child, reason));
            }
        }

        ImageResult Skipped(string name, string reason) => new() { Name = name, Status = ImageStatus.Skipped, Reason = reason };

        foreach (var name in plan.Where(n => waiting[n] == 0)) ready.Enqueue(name, index[name]);

        while (ready.Count > 0 || running.Count > 0)
        {
            while (running.Count < parallelism && !ct.IsCancellationRequested && ready.TryDequeue(out var next, out _))
            {
                if (results.ContainsKey(next)) continue;
                var previous = options.Continue ? await StillValid(next) : null;
                if (previous is not null) { Finish(previous); continue; }
                var parents = graph.Parents(next).Select(p => parentsOf[p]).ToList();
                running[pipeline.RunAsync(spec[next], parents, run, ct)] = next;
            }
            if (running.Count == 0) break;

            var done = await Task.WhenAny(running.Keys);
            running.Remove(done);
            Finish(await done);
            await PruneFinished();
        }

        foreach (var name in plan.Where(n => !results.ContainsKey(n)))
            Finish(Skipped(name, CancelledReason));

        var all = graph.TopologicalOrder.Select(n => results.TryGetValue(n, out var r) ? r : new ImageResult
        {
            Name = n, Status = ImageStatus.Unchanged, Reference = run.ExistingReference(spec[n]),
        }).ToList();
        var result = new RunResult(all, ct.IsCancellationRequested);
        await reporter.RunFinishedAsync(result);
        return result;

        async Task<ImageResult?> StillValid(string name)
        {
            var before = state.Find(name);
            var image = spec[name];
            if (before is null || before.Fingerprint != fingerprint || before.Stage < options.UpTo
                || before.Reference != run.ExactReference(image)) return null;
            var id = await FindQuietly(before.Reference, ct);
            if (id is null || (before.ImageId is not null && id != before.ImageId)) return null;
            return new ImageResult
            {
                Name = name, Status = ImageStatus.Succeeded, Stage = before.Stage, Reason = ContinuedReason,
                Reference = before.Reference, ImageId = id,
            };
        }

        // prune: true — once everything below an image in this run is done, its local copy is only taking
        // disk space. Only after a push: without one, removing it would lose the image altogether.
        async Task PruneFinished()
        {
            if (options.UpTo != PipelineStage.Push) return;
            foreach (var name in pruneCandidates.ToList())
            {
                if (!results.TryGetValue(name, out var r)) continue;
                if (r.Status != ImageStatus.Succeeded || r.Stage != PipelineStage.Push) { pruneCandidates.Remove(name); continue; }
                if (!graph.Descendants(name).Where(inPlan.Contains).All(results.ContainsKey)) continue;
                pruneCandidates.Remove(name);
                foreach (var tag in run.Tags(spec[name]))
                {
                    try { await docker.RemoveImageAsync(tag, CancellationToken.None); }
                    catch (Exception e) when (e is not OperationCanceledException) { /* already gone: nothing to prune */ }
                }
            }
        }
    }

    private RunState PrepareState(RunContext run)
    {
        var path = run.Paths.RunState;
        if (run.Options.Continue) return RunState.Load(path);
        // A fresh run starts a fresh record: an old file must not vouch for images this run rebuilds.
        if (File.Exists(path)) File.Delete(path);
        return RunState.Empty(path);
    }

    private async Task<string?> FindQuietly(string reference, CancellationToken ct)
    {
        try { return await docker.FindImageAsync(reference, ct); }
        // Not found, daemon hiccup or cancelled: either way the image cannot be relied on.
        catch (Exception) { return null; }
    }
}
