using Cascade.Changes;
using Cascade.Pipeline;
using Cascade.Publishing;
using Cascade.Registry;
using Cascade.Reports;
using Cascade.Stacks;
using Cascade.Workflows;

namespace Cascade;

/// <summary>The use cases the targets call, each built from the parameters once, when a target first needs it; they
/// share one planning (spec, changes, fingerprints, plan), one set of logins, one artifacts-folder lock, one ledger.</summary>
partial class CascadeBuild
{
    static readonly (PipelineStage Stage, string Target)[] StageTargetNames =
        [(PipelineStage.Build, nameof(Build)), (PipelineStage.Test, nameof(Test)), (PipelineStage.Push, nameof(Push))];

    internal string StackDirectory => Path.GetFullPath(Stack, RootDirectory);

    string ArtifactsFolder => ArtifactsLocation.Of(RootDirectory, StackDirectory, Artifacts);

    /// <summary>--platform, once RunArguments found it one the stack's images are built for.</summary>
    Platform? RunPlatform => OnlyPlatform is { Length: > 0 } text ? Platform.TryParse(text, out _) : null;

    StackPlanning Planning => field ??= new StackPlanning(
        new PlanningRequest(StackDirectory, RootDirectory,
            new PlanOptions { ForcedImages = Images, NoDescendants = NoDescendants, All = All },
            new ChangeOptions
            {
                BaseRef = BaseRef is { Length: > 0 } ? BaseRef : null, HeadRef = HeadRef,
                BaseIsDefault = BaseRef == DefaultBaseRef, IncludeUncommitted = IncludeUncommitted,
            }) { Registry = Registry, ReadsGitAhead = RunNeeds(Plan), LeaveOutExisting = LeaveOutExisting, Explain = Explain },
        host => Logins.For(host), Repository, Out);

    RegistryLogins Logins => field ??=
        PushLogins.Of(Planning.Spec, RegistryUsername, RegistryPassword, Environment.GetEnvironmentVariable);

    /// <summary>Branch (--branch, else git's), commit and source URL, asked of git (or GitHub Actions' variables) once.</summary>
    Lazy<RepositoryInfo> Repository => field ??= new(() =>
        RepositoryInfo.Read(StackDirectory, Environment.GetEnvironmentVariable) is var read && Branch is { } branch ? read with { Branch = branch } : read);

    ArtifactsFolderLock FolderLock => field ??= new(ArtifactsFolder, WaitForOtherRun, () => string.Join(' ', InvokedTargets), Out);

    LedgerRecorder Recorder => field ??= new(new LedgerSettings(RootDirectory, ArtifactsFolder, Wiki, Ledger, Manifests),
        Planning, Repository, FolderLock, new LedgerPages(), Out);

    StackRun StackRun => field ??= new(RunSettings, Planning, Repository, Logins, FolderLock, RunRecords.Outputs(), Out);

    StackRunSettings RunSettings => new(RootDirectory, ArtifactsFolder)
    {
        Parallelism = Parallelism, Continue = IsContinue, NoReuse = NoReuse, FingerprintTagsOnly = FingerprintTagsOnly,
        Refresh = RefreshBases, CacheFrom = CacheFrom, Pytest = Pytest, Platform = RunPlatform,
    };

    RunRecords RunRecords => new(Recorder, Planning, Logins, ResultsFile is null ? null : Path.GetFullPath(ResultsFile, RootDirectory),
        plainProgress: !IsLocalBuild || Console.IsErrorRedirected, Out);

    StageTargets Stages => field ??= new(StackRun, () => Planning.Plan,
        new StageSelection(StageTargetNames, ExecutionPlan, ScheduledTargets, SkippedTargets), Logins, Recorder.CheckWikiLedger, Out);

    PromotionCommand Promotion => new(Planning, Recorder, Repository, Logins, FolderLock, RootDirectory, StandardOutput, Out);

    GpuTestCommand GpuTests => new(Planning, Recorder, Logins, FolderLock, ArtifactsFolder, Out);

    IndexCommand Indexes => new(Planning, Recorder, Repository, Logins, FolderLock, ArtifactsFolder, RunPlatform, StandardOutput, Out);

    DiffCommand Diffs => new(Planning, Logins, Repository, FolderLock, ArtifactsFolder, new DiffReport(), Environment.GetEnvironmentVariable, StandardOutput, Out)
    {
        JobSummary = Environment.GetEnvironmentVariable(JobSummary.Variable),
    };

    WorkflowFiles WorkflowFiles => new(() => Planning.Loaded, RootDirectory, StackDirectory, StandardOutput, Out);

    // Colour only for a person at a terminal; CI logs and files get plain text.
    PlanReport PlanReport => new(RootDirectory, StandardOutput, Out,
        colour: IsLocalBuild && !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null);
}
