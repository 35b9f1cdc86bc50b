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
    public Target Plan => _ => _
        .Description("Show which images a change affects and why; --plan-file writes it as JSON")
        .OnlyWhen(() => !Gpu)
        .Executes(() => PlanReport.ShowPlan(Planning.Plan, PlanFile));

    public Target Build => _ => _
        .Description("Build the plan's affected images on the Docker engine, in parallel over the DAG")
        .DependsOn(Plan)
        .OnlyWhen(() => !Gpu)
        .Executes(() => Stages.RunStageAsync(PipelineStage.Build, Stopping));

    public Target Test => _ => _
        .Description("Also run each built image's tests (tests_common/, test/ inherited, integration_tests)")
        .DependsOn(Build)
        .AssuredAfterFailure() // a build failure of one image does not stop the others' tests: report them
        // With --gpu: the GPU tests of pushed images (nothing is built); else it reports the run's test stage.
        .Executes(() => Gpu ? GpuTests.RunAsync(FromTag, Images, Stopping) : Stages.RunStageAsync(PipelineStage.Test, Stopping));

    public Target Push => _ => _
        .Description("Also push each tested image to the registry as <prefix>-<branch> and sha-<commit>")
        .DependsOn(Test)
        .AssuredAfterFailure()
        .Executes(() => Stages.RunStageAsync(PipelineStage.Push, Stopping));

    public Target Promote => _ => _
        .Description("Re-tag --from-tag as --to-tag registry-side (no layer moves), all or nothing; test-gated; --dry-run")
        .Executes(() => Promotion.PromoteAsync(new PromotionRequest(FromTag, ToTag, DryRun, Images), Stopping));

    public Target PushIndex => _ => _
        .Description("Write each multi-platform image's index under its shared tags from its platforms' images in the registry " +
                     "(after Push --platform P on each platform's runner); an image missing a platform gets none")
        .Executes(() => Indexes.PushIndexesAsync(Stopping));

    public Target Graph => _ => _
        .Description("Print the whole stack as Mermaid (default) or --format dot, to stdout or --output")
        .Executes(() => PlanReport.WriteGraph(Planning.Graph, Format == GraphFormat.Dot, Output));

    public Target Docs => _ => _
        .Description("Regenerate every manifest and wiki page (Home, Stable, Stack, one per image) from the ledger alone")
        .Executes(() => Recorder.WriteDocs(Stopping));

    public Target RecordEntries => _ => _
        .Description("Append the ledger-entry.json files under --from DIR... to the ledger (the image jobs' Push entries merged into one); then the pages")
        .Executes(() => Recorder.RecordEntries(From.Select(f => Path.GetFullPath(f, RootDirectory)).ToList(), Stopping));

    public Target GenerateWorkflows => _ => _
        .Description("Write the GitHub Actions workflows (.github/workflows) from the stack; settings in spec.yml's ci: section")
        .Executes(() => WorkflowFiles.Write());

    public Target CheckWorkflows => _ => _
        .Description("Fail when the committed workflows differ from what GenerateWorkflows writes now")
        .Executes(() => WorkflowFiles.CheckCurrent());

    public Target PlanOutputs => _ => _
        .Description("Write the plan's affected images as GitHub Actions job outputs ($GITHUB_OUTPUT, else stdout)")
        .DependsOn(Plan)
        .Executes(() => WorkflowFiles.WritePlanOutputs(Planning.Plan));
}
