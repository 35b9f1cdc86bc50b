using Cascade.Engine;
using Cascade.Pipeline;
using Cascade.Publishing;

namespace Cascade;

/// <summary>
/// Cascade's targets, in the order --help lists them (a user's order: plan, build, test, push, promote, …). Each is
/// a few lines calling one use case of a domain folder (CascadeBuild.UseCases.cs builds them); the parameters are in
/// CascadeBuild.Parameters.cs. Image targets (one per image of the stack, depending on its parents) are added in
/// OnBuildCreated (CascadeBuild.Lifecycle.cs), and a derived build's <see cref="AddTargetsAfterImages"/> after them.
/// A stack repository's build/Build.cs inherits this class: `class Build : CascadeBuild`.
/// </summary>
public abstract partial class CascadeBuild : NukeBuild
{
    /// <summary>The default target: what a change affects and why, printed as a tree (and with --plan-file as JSON).</summary>
    public Target Plan => _ => _
        .Description("Show which images a change affects and why; --plan-file writes it as JSON")
        .Executes(() => PlanReport.ShowPlan(Planning.Plan, PlanFile));

    /// <summary>Builds the affected images (or reuses one whose fingerprint exists); after <see cref="Plan"/>.</summary>
    public Target Build => _ => _
        .Description("Build the plan's affected images on the Docker engine, in parallel over the DAG")
        .DependsOn(Plan)
        .Executes(() => Stages.RunStageAsync(PipelineStage.Build, Stopping));

    /// <summary>Runs the built images' tests; after <see cref="Build"/>, and also when an image's build failed.</summary>
    public Target Test => _ => _
        .Description("Also run each built image's tests (tests_common/, test/ inherited, integration_tests)")
        .DependsOn(Build)
        .AssuredAfterFailure() // a build failure of one image does not stop the others' tests: report them
        .Executes(() => Stages.RunStageAsync(PipelineStage.Test, Stopping));

    /// <summary>Runs the gpu_tests of the images pushed under <see cref="FromTag"/> on this machine's GPUs; builds nothing,
    /// so it neither plans nor depends on <see cref="Build"/>. promote.yml runs it on the GPU runner before Promote.</summary>
    public Target TestGpu => _ => _
        .Description("Run the images' gpu_tests on the pushed --from-tag images (all GPUs requested), without building")
        .Executes(() => GpuTests.RunAsync(FromTag, Images, Stopping));

    /// <summary>Pushes the tested images and records them in the ledger; after <see cref="Test"/>. A user target that works on pushed images says <c>DependsOn(Push)</c>.</summary>
    public Target Push => _ => _
        .Description("Also push each tested image to the registry as <prefix>-<branch> and sha-<commit>")
        .DependsOn(Test)
        .AssuredAfterFailure()
        .Executes(() => Stages.RunStageAsync(PipelineStage.Push, Stopping));

    /// <summary>Moves <see cref="FromTag"/> to <see cref="ToTag"/> registry-side, test-gated, all or nothing.</summary>
    public Target Promote => _ => _
        .Description("Re-tag --from-tag as --to-tag registry-side (no layer moves), all or nothing; test-gated; --dry-run")
        .Executes(() => Promotion.PromoteAsync(new PromotionRequest(FromTag, ToTag, DryRun, Images), Stopping));

    /// <summary>Writes each multi-platform image's index from its platforms' images in the registry.</summary>
    public Target PushIndex => _ => _
        .Description("Write each multi-platform image's index under its shared tags from its platforms' images in the registry " +
                     "(after Push --platform P on each platform's runner); an image missing a platform gets none")
        .Executes(() => Indexes.PushIndexesAsync(Stopping));

    /// <summary>What the last run (or, with <see cref="From"/>, a CI run's image jobs) did to each image, against the images it replaces.</summary>
    public Target Diff => _ => _
        .Description("Compare each image of the last run with the image it replaces (--against TAG, default the default branch's, " +
                     "else stable): sizes, layers, info_cmds outputs line by line; a table, diff.md, the job summary, --pull-request's comment")
        .Executes(() => Diffs.RunAsync(new DiffRequest(Against, From.Select(f => Path.GetFullPath(f, RootDirectory)).ToList(), PullRequest), Stopping));

    /// <summary>Prints the stack's graph as Mermaid or DOT (<see cref="Format"/>).</summary>
    public Target Graph => _ => _
        .Description("Print the whole stack as Mermaid (default) or --format dot, to stdout or --output")
        .Executes(() => PlanReport.WriteGraph(Planning.Graph, Format == GraphFormat.Dot, Output));

    /// <summary>Writes the manifests and wiki pages from the ledger alone.</summary>
    public Target Docs => _ => _
        .Description("Regenerate every manifest and wiki page (Home, Stable, Stack, one per image) from the ledger alone")
        .Executes(() => Recorder.WriteDocs(Stopping));

    /// <summary>Appends the image jobs' ledger entries (under <see cref="From"/>) to the ledger, then the pages.</summary>
    public Target RecordEntries => _ => _
        .Description("Append the ledger-entry.json files under --from DIR... to the ledger (the image jobs' Push entries merged into one); then the pages")
        .Executes(() => Recorder.RecordEntries(From.Select(f => Path.GetFullPath(f, RootDirectory)).ToList(), Stopping));

    /// <summary>Writes the GitHub Actions workflows under .github/workflows from the stack.</summary>
    public Target GenerateWorkflows => _ => _
        .Description("Write the GitHub Actions workflows (.github/workflows) from the stack; settings in spec.yml's ci: section")
        .Executes(() => WorkflowFiles.Write());

    /// <summary>Fails when the committed workflows differ from what <see cref="GenerateWorkflows"/> writes now.</summary>
    public Target CheckWorkflows => _ => _
        .Description("Fail when the committed workflows differ from what GenerateWorkflows writes now")
        .Executes(() => WorkflowFiles.CheckCurrent());

    /// <summary>Writes the plan's affected images as GitHub Actions job outputs.</summary>
    public Target PlanOutputs => _ => _
        .Description("Write the plan's affected images as GitHub Actions job outputs ($GITHUB_OUTPUT, else stdout)")
        .DependsOn(Plan)
        .Executes(() => WorkflowFiles.WritePlanOutputs(Planning.Plan));
}
