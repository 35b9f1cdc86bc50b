using Cascade.Changes;
using Cascade.Changes.Fingerprints;
using Cascade.Registry;
using Cascade.Stacks;

namespace Cascade.Pipeline;

/// <summary>Loading the stack and computing the plan, once per run, shared by every target that needs it: one plan,
/// several consumers (the Plan printer, the pipeline, the image targets, PlanOutputs, PushIndex). git's answers and
/// the plan are worked out on other threads ahead of need (<see cref="Background{T}"/>); whatever reads them waits.</summary>
sealed class StackPlanning
{
    readonly PlanningRequest request;
    readonly Func<string, RegistryCredentials?> credentialsFor;
    readonly Lazy<RepositoryInfo> repository;
    readonly TextWriter log;
    readonly Lazy<SpecLoadResult> loaded;
    readonly Background<ChangeSet> changes;
    readonly Background<GitWorkingTree?> workingTree;
    readonly Background<BuildPlan> plan;
    readonly Lazy<IReadOnlyDictionary<string, BaseDigest>> externalBases;
    readonly Lazy<IReadOnlyDictionary<string, ImageFingerprint>> fingerprints;
    readonly Lazy<IReadOnlyDictionary<string, TestFingerprint>> testFingerprints;

    /// <param name="credentialsFor">The login for an external base's registry (asked once the spec is loaded).</param>
    /// <param name="repository">The run's branch: where an image's previous build (its recorded bases) is looked for.</param>
    public StackPlanning(PlanningRequest request, Func<string, RegistryCredentials?> credentialsFor, Lazy<RepositoryInfo> repository,
        TextWriter log)
    {
        this.request = request;
        this.credentialsFor = credentialsFor;
        this.repository = repository;
        this.log = log;
        loaded = new Lazy<SpecLoadResult>(Load);
        changes = new Background<ChangeSet>(() => new ChangeDetector().Detect(request.StackDirectory,
            Path.Combine(request.StackDirectory, SpecLoader.FileName), request.Changes));
        workingTree = new Background<GitWorkingTree?>(() => Fingerprinter.ReadWorkingTree(request.StackDirectory));
        plan = new Background<BuildPlan>(() => ComputePlan(fingerprints!.Value));
        externalBases = new Lazy<IReadOnlyDictionary<string, BaseDigest>>(() =>
            ExternalBaseDigests.Resolve(Spec.Images.SelectMany(i => i.ExternalBases), credentialsFor));
        fingerprints = new Lazy<IReadOnlyDictionary<string, ImageFingerprint>>(() => Fingerprinter.Compute(Spec, Loaded.Graph,
            externalBases.Value.ToDictionary(b => b.Key, b => b.Value.Digest), workingTree.Value));
        testFingerprints = new Lazy<IReadOnlyDictionary<string, TestFingerprint>>(() =>
            TestFingerprinter.Compute(Spec, request.RootDirectory, workingTree.Value));
    }

    /// <summary>spec.yml, loaded and validated before anything runs (see <see cref="Load"/>).</summary>
    public SpecLoadResult Loaded => loaded.Value;

    public StackSpec Spec => Loaded.Spec;

    public StackGraph Graph => Loaded.Graph;

    /// <summary>The plan of what the user asked for.</summary>
    public BuildPlan Plan => plan.Value;

    /// <summary>What every image is made of: read from the working tree (what a build sends), once per run.</summary>
    public IReadOnlyDictionary<string, ImageFingerprint> Fingerprints
    {
        get
        {
            plan.WaitIfStarted(); // it computes them: not twice at once
            return fingerprints.Value;
        }
    }

    /// <summary>What every image's tests check, from the same reading of the working tree, once per run.</summary>
    public IReadOnlyDictionary<string, TestFingerprint> TestFingerprints
    {
        get
        {
            plan.WaitIfStarted();
            return testFingerprints.Value;
        }
    }

    /// <summary>The external bases' digests the plan resolved (their children's base labels).</summary>
    public IReadOnlyDictionary<string, string?> BaseDigests()
    {
        _ = Fingerprints; // resolved with them, on the planning thread
        return externalBases.Value.ToDictionary(b => b.Key, b => b.Value.Digest, StringComparer.Ordinal);
    }

    /// <summary>Once the spec proved valid, the plan (git's answers, the fingerprints, the planner) is worked out on
    /// another thread while the engine sets up its targets and the schema, a tenth of a Plan on a big stack.
    /// Whatever reads the plan or the fingerprints first waits for it; its errors surface there.</summary>
    public void StartPlanning()
    {
        _ = Loaded; // on this thread: the other one must not load the spec a second time
        plan.Start();
    }

    /// <summary>An image target's plan: the image forced, without descendants.</summary>
    public BuildPlan ImagePlan(string name) => new Planner().Plan(Spec, Graph, ChangeSet.None,
        new PlanOptions { ForcedImages = [name], NoDescendants = true, Fingerprints = Fingerprints, TestFingerprints = TestFingerprints });

    BuildPlan ComputePlan(IReadOnlyDictionary<string, ImageFingerprint> fingerprintsOfRun) => Explained(LeftOutExisting(new Planner().Plan(
        Spec, Graph, DetectChanges(),
        request.AskedFor with { Fingerprints = fingerprintsOfRun, TestFingerprints = testFingerprints.Value, BaseMoves = BaseMoves() })
        with { Notes = ExternalBaseNotes() }), fingerprintsOfRun);

    /// <summary>--explain: each affected image's inputs that moved since its previous build, beside the plan.</summary>
    BuildPlan Explained(BuildPlan planned, IReadOnlyDictionary<string, ImageFingerprint> fingerprintsOfRun) => !request.Explain ? planned
        : planned with { Explanations = new PlanExplainer(Spec, PreviousBuildsOf, credentialsFor).Explain(planned, fingerprintsOfRun) };

    /// <summary>Where an image's previous build is looked for: the run's branch's tag, else the default branch's.</summary>
    IReadOnlyList<string> PreviousBuildsOf(ImageSpec image) =>
        PreviousBuilds.Candidates(image, Spec.TagPrefix, repository.Value.Branch, Spec.Ci.DefaultBranch);

    /// <summary>--leave-out-existing: the plan without the images whose fingerprint tag the registry has. Planning
    /// starts before the engine's stop signals exist: the lookups end on the registry client's own timeouts.</summary>
    BuildPlan LeftOutExisting(BuildPlan planned)
    {
        if (!request.LeaveOutExisting) return planned;
        using var access = new RegistryAccess(credentialsFor);
        return ExistingFingerprints.LeaveOutAsync(planned, Spec, Graph, access.Client(), CancellationToken.None).GetAwaiter().GetResult();
    }

    /// <summary>The external bases that moved since each image's previous build in the registry (read after the
    /// fingerprints resolved the bases' digests now).</summary>
    IReadOnlyDictionary<string, IReadOnlyList<string>> BaseMoves() => BaseDrift.Find(Spec.Images,
        PreviousBuildsOf,
        externalBases.Value.ToDictionary(b => b.Key, b => b.Value.Digest), Platform.Parse(Fingerprinter.HostPlatform), credentialsFor);

    /// <summary>The images spec.yml had at the plan's base and has no longer (git's answer; none when the change left
    /// spec.yml alone, or the images were named and git was not asked).</summary>
    public IReadOnlyList<string> RemovedImages() =>
        DetectChanges().Spec?.Old is { } old && SpecEntries.TryParse(old) is { } before
            ? before.Images.Keys.Where(name => !Spec.Contains(name)).Order(StringComparer.Ordinal).ToList()
            : [];

    // Named images (--images, --all) are the plan: no need to ask git (which may not even be there, e.g. in a tarball).
    ChangeSet DetectChanges() => request.AskedFor.CountsChanges ? changes.Value : ChangeSet.None;

    IReadOnlyList<string> ExternalBaseNotes() => externalBases.Value.Values.Where(b => b.Digest is null)
        .Select(b => $"base image {b.Reference} entered the fingerprints by its reference text, not its digest ({b.Why})")
        .ToList();

    /// <summary>Loads and validates spec.yml; a spec that does not validate throws a SpecException listing every error
    /// as FILE:LINE:COL, which the engine prints without a trace.</summary>
    SpecLoadResult Load()
    {
        // git runs in its own processes: ask it while the spec is read and validated (half the time of a Plan on a big
        // stack), and look at the answer only once the spec proved valid, so spec errors still come first. A run that
        // never plans (Graph, --help) asks nothing: on a two-core runner it would only compete with that run's own work.
        if (request.ReadsGitAhead)
        {
            if (request.AskedFor.CountsChanges) changes.Start();
            if (Directory.Exists(request.StackDirectory)) workingTree.Start();
        }
        var result = SpecLoader.Load(request.StackDirectory);
        foreach (var warning in result.Warnings) log.WriteLine(warning);
        // change_ignore.json is part of the stack: a broken one is reported with spec.yml's errors, before any target
        // runs, not only once a commit happens to touch a path.
        ChangeIgnoreFile.Load(result.Spec.Directory);
        return request.Registry is { Length: > 0 } registry ? result with { Spec = result.Spec.WithRegistry(registry) } : result;
    }

    /// <summary>--images naming no image of the stack, for the command line's check.</summary>
    public IEnumerable<string> UnknownImages() => request.AskedFor.ForcedImages.Where(n => !Spec.Contains(n));
}
