using Cascade.Docker;
using Cascade.Registry;
using Cascade.Stacks;

namespace Cascade.Pipeline;

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
        var run = RunContext.Create(request.Spec, request.Options, request.Fingerprints, request.TestFingerprints);
        var lookup = new ImageLookup(docker, registry);
        var pipeline = new ImagePipeline(docker, lookup, new BuildInputs(clock),
            new ImageTester(docker, host, new TestDiscovery(request.Spec), clock), reporter, clock, registry);
        var services = new RunServices(docker, lookup, pipeline, reporter);
        var result = await new SchedulerRun(request, run, services, PreviousDurations(request.Options), ct).RunAsync();
        await reporter.RunFinishedAsync(result);
        return result;
    }

    /// <summary>How long each image took in the previous run of this artifacts folder (its results.json): the
    /// weights of the critical path that decides which ready image starts first.</summary>
    private static IReadOnlyDictionary<string, TimeSpan> PreviousDurations(RunOptions options) =>
        ResultsFile.ReadBuildDurations(new ArtifactPaths(options.ArtifactsDirectory).Results);
}
