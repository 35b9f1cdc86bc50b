using Cascade.Engine;
using Cascade.Pipeline;
using Cascade.Registry;
using Cascade.Stacks;

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
        CheckArguments();
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

    void CheckArguments()
    {
        if (Parallelism < 1)
            throw new InvalidArgumentsException(
                $"--parallelism {Parallelism}: at least 1 image must be able to build at once; leave it out for one per processor ({Environment.ProcessorCount}).");
        CheckPlatformArgument();
        if (CacheFromSetting.Parse(CacheFrom, out var problem) is null)
            throw new InvalidArgumentsException($"--cache-from: {problem}.");
        _ = CheckedSpec();
    }

    /// <summary>`--platform`: one of the platforms the stack's images are built for.</summary>
    void CheckPlatformArgument()
    {
        if (OnlyPlatform is not { Length: > 0 } text) return;
        var platform = Platform.TryParse(text, out var problem) ?? throw new InvalidArgumentsException($"--platform {text}: {problem}.");
        var spec = CheckedSpec();
        var used = spec.Images.SelectMany(i => i.Platforms).Distinct().ToList();
        if (!used.Contains(platform))
            throw new InvalidArgumentsException(used.Count == 0
                ? $"--platform {text}: no image of {spec.File} has platforms:, so each is built for the Docker daemon's platform; leave --platform out."
                : $"--platform {text}: no image of {spec.File} is built for {platform}; its images are built for {string.Join(", ", used)}.");
    }

    /// <summary>The stack, loaded (a spec that does not validate throws, listing every error as FILE:LINE:COL), with
    /// every --images name found in it.</summary>
    StackSpec CheckedSpec()
    {
        foreach (var name in Planning.UnknownImages())
            throw new InvalidArgumentsException($"--images: no image '{name}' in {Planning.Spec.File}; images are: " +
                                                string.Join(", ", Planning.Spec.Images.Select(i => i.Name)));
        return Planning.Spec;
    }
}
