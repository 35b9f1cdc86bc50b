using Cascade.Changes.Fingerprints;
using Cascade.Pipeline;
using Cascade.Stacks;

namespace Cascade.Tests.Support;

/// <summary>
/// The fingerprints a plan hands the scheduler, for tests that run it without planning: every image's computed by
/// the plan's rule (<see cref="Fingerprinter"/>, no external base digests: a test stack builds FROM scratch or its
/// own images) and its tests' from the run's test working folder. The one place tests make them.
/// </summary>
internal static class PlanFingerprints
{
    public static IReadOnlyDictionary<string, ImageFingerprint> Of(StackSpec spec, StackGraph graph) =>
        Fingerprinter.Compute(spec, graph, new Dictionary<string, string?>());

    public static IReadOnlyDictionary<string, TestFingerprint> OfTests(StackSpec spec, RunOptions options) =>
        TestFingerprinter.Compute(spec, options.TestWorkingDirectory(spec));

    /// <summary>No test fingerprints: for a run context whose test never looks at tests.</summary>
    public static IReadOnlyDictionary<string, TestFingerprint> NoTests { get; } = new Dictionary<string, TestFingerprint>();

    /// <summary>The request a plan of <paramref name="affected"/> would give the scheduler.</summary>
    public static RunRequest Request(StackSpec spec, StackGraph graph, IReadOnlyCollection<string> affected, RunOptions options) =>
        new(spec, graph, affected, options) { Fingerprints = Of(spec, graph), TestFingerprints = OfTests(spec, options) };
}
