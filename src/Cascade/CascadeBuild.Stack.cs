using Cascade.Changes;
using Cascade.Changes.Fingerprints;
using Cascade.Stacks;

namespace Cascade;

/// <summary>Loading the stack and computing the plan: once per run, shared by every target that needs it.
/// One plan, several consumers: the Plan printer, the pipeline and the image targets all read this one.</summary>
partial class CascadeBuild
{
    SpecLoadResult? loaded;
    BuildPlan? plan;
    Task<ChangeSet>? changes;
    Task<GitWorkingTree?>? workingTree;

    internal string StackDirectory => Path.GetFullPath(Stack, RootDirectory);

    SpecLoadResult Loaded => loaded ??= LoadStack();

    BuildPlan CurrentPlan => plan ??= planning is { } started ? started.GetAwaiter().GetResult() : ComputePlan(Fingerprints);

    BuildPlan ComputePlan(IReadOnlyDictionary<string, ImageFingerprint> fingerprintsOfRun) => new Planner().Plan(
        Loaded.Spec, Loaded.Graph, DetectChanges(),
        AskedFor with { Fingerprints = fingerprintsOfRun, TestFingerprints = ComputeTestFingerprints() })
        with { Notes = ExternalBaseNotes() };

    /// <summary>What the user asked to plan: --images, --no-descendants, --all (else git's changes).</summary>
    PlanOptions AskedFor => new() { ForcedImages = Images, NoDescendants = NoDescendants, All = All };

    IReadOnlyDictionary<string, ImageFingerprint>? fingerprints;
    IReadOnlyDictionary<string, Cascade.Registry.BaseDigest>? externalBases;

    /// <summary>What every image is made of: read from the working tree (what a build sends), once per run.</summary>
    IReadOnlyDictionary<string, ImageFingerprint> Fingerprints
    {
        get
        {
            AwaitPlanning();
            return ComputeFingerprints();
        }
    }

    IReadOnlyDictionary<string, ImageFingerprint> ComputeFingerprints() =>
        fingerprints ??= Fingerprinter.Compute(Loaded.Spec, Loaded.Graph, ExternalBases.ToDictionary(b => b.Key, b => b.Value.Digest),
            WorkingTree());

    IReadOnlyDictionary<string, TestFingerprint>? testFingerprints;

    /// <summary>What every image's tests check, from the same reading of the working tree, once per run.</summary>
    IReadOnlyDictionary<string, TestFingerprint> TestFingerprints
    {
        get
        {
            AwaitPlanning();
            return ComputeTestFingerprints();
        }
    }

    IReadOnlyDictionary<string, TestFingerprint> ComputeTestFingerprints() =>
        testFingerprints ??= TestFingerprinter.Compute(Loaded.Spec, RootDirectory, WorkingTree());

    GitWorkingTree? WorkingTree() =>
        (workingTree ??= InBackground(() => Fingerprinter.ReadWorkingTree(Loaded.Spec.Directory))).GetAwaiter().GetResult();

    Task<BuildPlan>? planning;

    /// <summary>Once the spec proved valid, the plan (git's answers, the fingerprints, the planner) is worked out on
    /// another thread while the engine sets up its targets and the schema, a tenth of a Plan on a big stack.
    /// Whatever reads the plan or the fingerprints first waits for it; its errors surface there, as they would
    /// have without it.</summary>
    void StartPlanning()
    {
        if (!MayPlan || Gpu) return;
        _ = Loaded; // on this thread: the other one must not load the spec a second time
        planning = InBackground(() => ComputePlan(ComputeFingerprints()));
    }

    void AwaitPlanning() => planning?.GetAwaiter().GetResult();

    IReadOnlyDictionary<string, Cascade.Registry.BaseDigest> ExternalBases =>
        externalBases ??= Cascade.Registry.ExternalBaseDigests.Resolve(Loaded.Spec.Images.SelectMany(i => i.ExternalBases), CredentialsFor);

    IReadOnlyList<string> ExternalBaseNotes() => ExternalBases.Values.Where(b => b.Digest is null)
        .Select(b => $"base image {b.Reference} entered the fingerprints by its reference text, not its digest ({b.Why})")
        .ToList();

    /// <summary>Loads and validates spec.yml before anything runs; a spec that does not validate throws
    /// a SpecException listing every error as FILE:LINE:COL, which the engine prints without a trace.</summary>
    SpecLoadResult LoadStack()
    {
        // git runs in its own processes: ask it while the spec is read and validated (half the time of a
        // Plan on a big stack), and look at the answer only once the spec proved valid, so spec errors still
        // come first. A run that never plans (Graph, --help) simply leaves the answer unread.
        // A promotion is a few small requests to the registry: .NET's HTTP stack is set up while the spec is read.
        if (RequestedTargets.Contains(nameof(Promote), StringComparer.OrdinalIgnoreCase)) Cascade.Registry.HttpWarmUp.Start();
        if (MayPlan)
        {
            changes ??= AskedFor.CountsChanges ? InBackground(() => DetectChanges(Path.Combine(StackDirectory, SpecLoader.FileName))) : null;
            workingTree ??= Directory.Exists(StackDirectory) ? InBackground(() => Fingerprinter.ReadWorkingTree(StackDirectory)) : null;
        }
        var result = SpecLoader.Load(StackDirectory);
        foreach (var warning in result.Warnings) Out.WriteLine(warning);
        // change_ignore.json is part of the stack: a broken one is reported with spec.yml's errors, before
        // any target runs, not only once a commit happens to touch a path.
        ChangeIgnoreFile.Load(result.Spec.Directory);
        if (Registry is { Length: > 0 }) result = result with { Spec = result.Spec.WithRegistry(Registry) };
        foreach (var name in Images.Where(n => !result.Spec.Contains(n)))
            throw new Cascade.Engine.InvalidArgumentsException($"--images: no image '{name}' in {result.Spec.File}; images are: " +
                                        string.Join(", ", result.Spec.Images.Select(i => i.Name)));
        return result;
    }

    /// <summary>Targets that never plan (so never ask git for changes or fingerprints): on a two-core runner the
    /// background git reads would only compete with their own work. Any other target may plan.</summary>
    static readonly HashSet<string> TargetsWithoutPlan = new(StringComparer.OrdinalIgnoreCase)
    {
        nameof(Promote), nameof(Docs), nameof(Graph), nameof(GenerateWorkflows), nameof(CheckWorkflows), nameof(RecordEntries),
    };

    bool MayPlan => RequestedTargets.Count == 0 || RequestedTargets.Any(t => !TargetsWithoutPlan.Contains(t) && !NeverPlans(t));

    /// <summary>A derived build's targets that never plan (Cascade's benchmarks measure their own stacks).</summary>
    protected virtual bool NeverPlans(string target) => false;

    /// <summary>A derived build adds targets here that come after the image targets in --help and the schema.</summary>
    protected virtual void AddTargetsAfterImages() { }

    ChangeSet DetectChanges() =>
        // Named images (--images, --all) are the plan: no need to ask git (which may not even be there, e.g. in a tarball).
        // GetResult, not Result: a ChangeException reaches the user as itself, not wrapped.
        AskedFor.CountsChanges ? (changes ??= InBackground(() => DetectChanges(Loaded.Spec.File))).GetAwaiter().GetResult() : ChangeSet.None;

    // Its own thread: it mostly waits on git, and must not take a pool thread from the parallel Dockerfile checks.
    static Task<T> InBackground<T>(Func<T> work) => Task.Factory.StartNew(work, CancellationToken.None,
        TaskCreationOptions.LongRunning, TaskScheduler.Default);

    ChangeSet DetectChanges(string specFile) =>
        new ChangeDetector().Detect(StackDirectory, specFile, new ChangeOptions
        {
            BaseRef = BaseRef is { Length: > 0 } ? BaseRef : null,
            HeadRef = HeadRef,
            BaseIsDefault = BaseRef == DefaultBaseRef,
            IncludeUncommitted = IncludeUncommitted,
        });

    /// <summary>One target per image, depending on its parents, so `./build.sh IMAGE --plan` draws its ancestry.
    /// A derived build that overrides this calls <c>base.OnBuildCreated()</c>; its own computed targets go in
    /// <see cref="AddTargetsAfterImages"/>.</summary>
    protected override void OnBuildCreated()
    {
        CheckArguments();
        StartPlanning();
        foreach (var image in Loaded.Spec.Images)
            AddTarget(image.Name, _ => _
                .Description(ImageTargetDescription(image))
                .DependsOn(image.DependOn.ToArray())
                .OnlyWhen(() => IsInvoked(image.Name), FoldedIntoImageTarget)
                .Executes(() => RunImageTargetAsync(image.Name)));
        AddTargetsAfterImages();
    }

    static string ImageTargetDescription(ImageSpec image) =>
        image.DependOn.Count == 0 ? $"Image {image.Repository} (a root)" : $"Image {image.Repository}, on {string.Join(", ", image.DependOn)}";
}
