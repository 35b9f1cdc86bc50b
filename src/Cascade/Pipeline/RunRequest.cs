using Cascade.Changes.Fingerprints;
using Cascade.Stacks;

namespace Cascade.Pipeline;

/// <summary>The images to run: the plan's affected set within a validated stack, with the plan's fingerprints of
/// every image (what it is made of) and of its tests. The scheduler computes none of its own: one fingerprint rule.</summary>
internal sealed record RunRequest(StackSpec Spec, StackGraph Graph, IReadOnlyCollection<string> Affected, RunOptions Options)
{
    public required IReadOnlyDictionary<string, ImageFingerprint> Fingerprints { get; init; }

    /// <summary>What each image's tests check.</summary>
    public required IReadOnlyDictionary<string, TestFingerprint> TestFingerprints { get; init; }
}
