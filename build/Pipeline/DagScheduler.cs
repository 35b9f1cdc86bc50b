using Cascade.Changes.Fingerprints;
using Cascade.Docker;
using Cascade.Registry;
using Cascade.Stacks;

namespace Cascade.Pipeline;

/// <summary>The images to run: the plan's affected set within a validated stack, with every image's
/// fingerprint (computed here from the working tree when not given).</summary>
public sealed record RunRequest(StackSpec Spec, StackGraph Graph, IReadOnlyCollection<string> Affected, RunOptions Options)
{
    public IReadOnlyDictionary<string, ImageFingerprint>? Fingerprints { get; init; }

    /// <summary>What each image's tests check; computed from the working tree when not given.</summary>
    public IReadOnlyDictionary<string, TestFingerprint>? TestFingerprints { get; init; }
}

/// <summary>
/// Runs the plan's images through their pipelines along the DAG: an image starts once all its parents in
/// the plan are done, up to <see cref="RunOptions.Parallelism"/> at once, the one with the longest remaining
/// path first; a failure skips only what lies below it. Parents outside the plan are used by their
/// fingerprint tag. Cancellation starts nothing new, cancels what runs, and still returns a full result.
/// </summary>
public sealed class DagScheduler(IDockerEngine docker, IRunReporter reporter, TimeProvider clock, HostCommandRunner host, RegistryClient? registry)
{
    public const string ContinuedReason = "succeeded in previous run";
    public const string CancelledReason = "cancelled";

    public DagScheduler(IDockerEngine docker, IRunReporter reporter, TimeProvider clock, RegistryClient? registry = null)
        : this(docker, reporter, clock, new HostCommandRunner(), registry) { }

    public async Task<RunResult> RunAsync(RunRequest request, CancellationToken ct)
    {
        var (spec, graph, _, options) = request;
        var run = RunContext.Create(spec, options, request.Fingerprints ?? Fingerprinter.Compute(spec, graph, new Dictionary<string, string?>()),
            request.TestFingerprints);
        var plan = graph.Order(request.Affected.Where(graph.Contains));
        var inPlan = plan.ToHashSet(StringComparer.Ordinal);
        var lookup = new ImageLookup(docker, registry);
        var pipeline = new ImagePipeline(docker, lookup, new BuildInputs(clock),
            new ImageTester(docker, host, new TestDiscovery(spec), clock), reporter, clock, registry);

        var results = new Dictionary<string, ImageResult>(StringComparer.Ordinal);
        var parentsOf = new Dictionary<string, ParentImage>(StringComparer.Ordinal);
        var state = PrepareState(run);
        var ready = new ReadyQueue(options.Scheduling, CriticalPath.RemainingWork(graph, plan, options.PreviousDurations));

        reporter.RunStarting(plan);

        // Parents outside the plan: their exact content, by fingerprint tag (found or built first by the caller).
        foreach (var outside in plan.SelectMany(graph.Parents).Where(p => !inPlan.Contains(p)).Distinct().ToList())
        {
            var reference = run.FingerprintReference(spec[outside]);
            var digest = run.HasRegistry(spec[outside]) ? await lookup.FindInRegistryAsync(reference, ct) : null;
            parentsOf[outside] = new ParentImage(outside, reference, digest);
        }

        var waiting = plan.ToDictionary(n => n, n => graph.Parents(n).Count(inPlan.Contains), StringComparer.Ordinal);
        var running = new Dictionary<Task<ImageResult>, string>();
        var pruneCandidates = plan.Where(n => spec[n].Prune).ToList();
        var parallelism = Math.Max(1, options.Parallelism);

        void Finish(ImageResult result)
        {
            results[result.Name] = result;
            reporter.ImageFinished(result);
            if (result.IsAvailable)
            {
                parentsOf[result.Name] = new ParentImage(result.Name, run.FingerprintReference(spec[result.Name]), result.Digest);
                if (result.Reason != ContinuedReason)
                    state.Record(new SucceededImage(result.Name, result.Reference!, result.ImageId, result.Stage ?? options.UpTo,
                        run.FingerprintOf(spec[result.Name]).Value));
                foreach (var child in graph.Children(result.Name).Where(inPlan.Contains))
                    if (!results.ContainsKey(child) && --waiting[child] == 0) ready.Add(child);
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

        ImageResult Skipped(string name, string reason) => new()
        {
            Name = name, Status = ImageStatus.Skipped, Reason = reason, Fingerprint = run.FingerprintOf(spec[name]).Value,
        };

        foreach (var name in plan.Where(n => waiting[n] == 0)) ready.Add(name);

        while (ready.Count > 0 || running.Count > 0)
        {
            while (running.Count < parallelism && !ct.IsCancellationRequested && ready.TryTake(out var next))
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
            Name = n, Status = ImageStatus.Unchanged, Reference = run.FingerprintReference(spec[n]),
            Fingerprint = run.FingerprintOf(spec[n]).Value,
        }).ToList();
        var result = new RunResult(all, ct.IsCancellationRequested);
        await reporter.RunFinishedAsync(result);
        return result;

        // --continue trusts a record only for the same content (fingerprint) and while its image still exists.
        async Task<ImageResult?> StillValid(string name)
        {
            var before = state.Find(name);
            var image = spec[name];
            if (before is null || before.Fingerprint != run.FingerprintOf(image).Value || before.Stage < options.UpTo
                || before.Reference != run.ExactReference(image)) return null;
            var id = await lookup.FindLocalAsync(before.Reference, ct);
            if (id is null || (before.ImageId is not null && id != before.ImageId)) return null;
            return new ImageResult
            {
                Name = name, Status = ImageStatus.Succeeded, Stage = before.Stage, Reason = ContinuedReason,
                Reference = before.Reference, ImageId = id, Fingerprint = before.Fingerprint,
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
                if (!r.IsAvailable || r.Stage != PipelineStage.Push) { pruneCandidates.Remove(name); continue; }
                if (!graph.Descendants(name).Where(inPlan.Contains).All(results.ContainsKey)) continue;
                pruneCandidates.Remove(name);
                foreach (var tag in run.Tags(spec[name]).Concat(spec[name].Platforms.SelectMany(p => run.ForPlatform(p).Tags(spec[name]))))
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
}
