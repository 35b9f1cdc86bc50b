using Cascade.Changes.Fingerprints;
using Cascade.Docker;
using Cascade.Registry;
using Cascade.Stacks;

namespace Cascade.Pipeline;

/// <summary>The images to run: the plan's affected set within a validated stack, with every image's
/// fingerprint (computed here from the working tree when not given).</summary>
internal sealed record RunRequest(StackSpec Spec, StackGraph Graph, IReadOnlyCollection<string> Affected, RunOptions Options)
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
internal sealed class DagScheduler(IDockerEngine docker, IRunReporter reporter, TimeProvider clock, HostCommandRunner host, RegistryClient? registry)
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
        var resumed = new Dictionary<string, PipelineStage>(StringComparer.Ordinal);
        var pruneCandidates = plan.Where(n => spec[n].Prune).ToList();
        var parallelism = Math.Max(1, options.Parallelism);

        void Finish(ImageResult result)
        {
            results[result.Name] = result;
            reporter.ImageFinished(result);
            if (result.Reason != ContinuedReason) RecordProgress(result);
            if (result.IsAvailable)
            {
                parentsOf[result.Name] = new ParentImage(result.Name, run.FingerprintReference(spec[result.Name]), result.Digest);
                foreach (var child in graph.Children(result.Name).Where(inPlan.Contains))
                    if (!results.ContainsKey(child) && --waiting[child] == 0) ready.Add(child);
            }
            else
            {
                SkipBelow(result);
            }
        }

        // What --continue may trust next time: the stages the image completed, even when a later one failed. A
        // multi-platform image that failed is redone whole (its platforms may have stopped at different stages;
        // each platform's image that exists is reused by its fingerprint).
        void RecordProgress(ImageResult result)
        {
            var completed = result.IsAvailable || result.PlatformResults.Count <= 1 ? CompletedStage(result, options) : null;
            if (completed is null || result.Reference is null) state.Forget(result.Name);
            else state.Record(new SucceededImage(result.Name, result.Reference, result.ImageId, completed.Value, run.FingerprintOf(spec[result.Name]).Value,
                completed >= PipelineStage.Test ? result.TestFingerprint : null));
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
                var before = options.Continue ? await StillValid(next) : null;
                if (before is not null && before.Stage >= options.UpTo) { Finish(Continued(before)); continue; }
                var parents = graph.Parents(next).Select(p => parentsOf[p]).ToList();
                // An image that got part of the way goes on from where it stopped: found by its fingerprint, not built again.
                var scoped = before is null ? run : run with { Options = options.After(before.Stage, before.TestFingerprint) };
                running[pipeline.RunAsync(spec[next], parents, scoped, ct)] = next;
                if (before is not null) resumed[next] = before.Stage;
            }
            if (running.Count == 0) break;

            var done = await Task.WhenAny(running.Keys);
            var image = running[done];
            running.Remove(done);
            var finished = await done;
            Finish(resumed.TryGetValue(image, out var doneBefore) ? Resumed(finished, doneBefore) : finished);
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

        // --continue trusts a record only for the same content (fingerprint) and while its image still exists; its
        // passed tests only while they are the same tests (test fingerprint): else they run again.
        async Task<SucceededImage?> StillValid(string name)
        {
            var before = state.Find(name);
            var image = spec[name];
            if (before is null || before.Fingerprint != run.FingerprintOf(image).Value || before.Reference != run.ExactReference(image)) return null;
            var id = await lookup.FindLocalAsync(before.Reference, ct);
            if (id is null || (before.ImageId is not null && id != before.ImageId)) return null;
            var testsHold = before.Stage < PipelineStage.Test || before.TestFingerprint == run.TestFingerprintOf(image).Value;
            return before with { ImageId = id, Stage = testsHold ? before.Stage : PipelineStage.Build };
        }

        // A continued image says which of its stages were the previous run's.
        static ImageResult Resumed(ImageResult result, PipelineStage doneBefore) => result with
        {
            DoneBefore = doneBefore,
            Reason = result.IsAvailable ? $"continued after its {doneBefore.ToText()} in the previous run" + (result.Reason is { } r ? $"; {r}" : "")
                : result.Reason,
        };

        static ImageResult Continued(SucceededImage before) => new()
        {
            Name = before.Name, Status = ImageStatus.Succeeded, Stage = before.Stage, Reason = ContinuedReason,
            Reference = before.Reference, ImageId = before.ImageId, Fingerprint = before.Fingerprint, DoneBefore = before.Stage,
            TestFingerprint = before.TestFingerprint,
        };

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

    /// <summary>The last stage <paramref name="result"/> completed: its stage when it succeeded, the one before the
    /// failing one when it failed. A run that left Test out (--skip) completed no image's tests.</summary>
    private static PipelineStage? CompletedStage(ImageResult result, RunOptions options)
    {
        PipelineStage? completed = result.IsAvailable ? result.Stage ?? options.UpTo
            : result.Status == ImageStatus.Failed && result.Stage > PipelineStage.Build ? result.Stage - 1
            : null;
        return completed >= PipelineStage.Test && options.Skips(PipelineStage.Test) ? PipelineStage.Build : completed;
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
