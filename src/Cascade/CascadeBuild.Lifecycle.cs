using Cascade.Engine;
using Cascade.Pipeline;
using Cascade.Registry;

namespace Cascade;

/// <summary>Before the targets: the command-line values the engine cannot judge by type (a mistake exits 2 and nothing
/// starts), the stack loaded and validated, the plan started on its own thread for a run whose targets plan, and one
/// target per image. After them: the artifacts folder's lock let go.</summary>
partial class CascadeBuild
{
    const string FoldedIntoImageTarget =
        "an ancestor of the invoked image: that run builds it first only if its image is found nowhere";

    /// <summary>One target per image, depending on its parents, so `./build.sh IMAGE --plan` draws its ancestry; an
    /// image target runs only when invoked: its ancestors' work is folded into it. A derived build that overrides this
    /// calls <c>base.OnBuildCreated()</c>; its own computed targets go in <see cref="AddTargetsAfterImages"/>.</summary>
    protected override void OnBuildCreated()
    {
        // A promotion is a few small requests to the registry: .NET's HTTP stack is set up while the spec is read.
        if (RunNeeds(Promote)) HttpWarmUp.Start();
        if (new RunArguments(Parallelism, OnlyPlatform, CacheFrom).FirstProblem(Planning) is { } problem)
            throw new InvalidArgumentsException(problem);
        // Whether the run plans is the target graph's answer: only a target that is Plan or depends on it.
        if (RunNeeds(Plan)) Planning.StartPlanning();
        foreach (var image in Planning.Spec.Images)
            AddTarget(image.Name, _ => _
                .Description(image.DependOn.Count == 0 ? $"Image {image.Repository} (a root)" : $"Image {image.Repository}, on {string.Join(", ", image.DependOn)}")
                .DependsOn(image.DependOn.ToArray())
                .OnlyWhen(() => InvokedTargets.Contains(image.Name, StringComparer.OrdinalIgnoreCase), FoldedIntoImageTarget)
                .Executes(() => StackRun.RunImageTargetAsync(image.Name, Stopping)));
        AddTargetsAfterImages();
    }

    /// <summary>A derived build adds targets here that come after the image targets in --help and the schema.</summary>
    protected virtual void AddTargetsAfterImages() { }

    /// <summary>Lets go of the artifacts folder's run lock. A derived build that overrides this calls
    /// <c>base.OnBuildFinished()</c>.</summary>
    protected override void OnBuildFinished() => FolderLock.Dispose();
}
