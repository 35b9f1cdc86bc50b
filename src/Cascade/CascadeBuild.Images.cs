using Cascade.Changes;
using Cascade.Pipeline;

namespace Cascade;

/// <summary>What running an image target does: `./build.sh scipy-ml-notebook` builds (or reuses) and tests that image
/// — its tests run whatever the registry records, since its user asked for it tested — and first those of its
/// ancestors whose exact image (by fingerprint) is in neither the daemon nor the registry: a child must not wait an
/// hour for a root that already exists. It is the same kind of plan as every other run (the image forced, without
/// descendants), run by the same scheduler; the ancestors' own targets (its dependencies, so `--plan` draws the
/// ancestry) are skipped, their work folded into it.</summary>
partial class CascadeBuild
{
    bool IsInvoked(string image) => InvokedTargets.Contains(image, StringComparer.OrdinalIgnoreCase);

    Task RunImageTargetAsync(string name) => RunImagesAsync(PipelineStage.Test, ImagePlan(name),
        ancestor => $"ancestor of {name}, not found: built first", new HashSet<string>(StringComparer.Ordinal) { name });

    BuildPlan ImagePlan(string name) => new Planner().Plan(Loaded.Spec, Loaded.Graph, ChangeSet.None,
        new PlanOptions { ForcedImages = [name], NoDescendants = true, Fingerprints = Fingerprints, TestFingerprints = TestFingerprints });

    const string FoldedIntoImageTarget =
        "an ancestor of the invoked image: that run builds it first only if its image is found nowhere";
}
