using Cascade.Engine;

/// <summary>
/// Cascade's targets, in the order --help lists them (a user's order: plan, build, test, push, promote, …). Each is
/// a few lines: the work lives in the domain folders (Stacks, Changes, Docker, Registry, Pipeline, Reports); the
/// partial files Build.*.cs join them to the engine. Image targets (one per image of the stack, depending on its
/// parents) are added in OnBuildCreated, and the benchmarks after them.
/// </summary>
partial class CascadeBuild : NukeBuild
{
    public static int Main(string[] args) => Execute<CascadeBuild>(args, x => x.Plan);

    Target Plan => _ => _
        .Description("Show which images a change affects and why; --plan-file writes it as JSON")
        .OnlyWhen(() => !Gpu)
        .Executes(ShowPlan);

    Target Build => _ => _
        .Description("Build the plan's affected images on the Docker engine, in parallel over the DAG")
        .DependsOn(Plan)
        .OnlyWhen(() => !Gpu)
        .Executes(() => RunStageAsync(Cascade.Pipeline.PipelineStage.Build));

    Target Test => _ => _
        .Description("Also run each built image's tests (tests_common/, test/ inherited, integration_tests)")
        .DependsOn(Build)
        .AssuredAfterFailure() // a build failure of one image does not stop the others' tests: report them
        .Executes(TestStageOrGpuTestsAsync);

    Target Push => _ => _
        .Description("Also push each tested image to the registry as <prefix>-<branch> and sha-<commit>")
        .DependsOn(Test)
        .AssuredAfterFailure()
        .Executes(() => RunStageAsync(Cascade.Pipeline.PipelineStage.Push));

    Target Promote => _ => _
        .Description("Re-tag --from-tag as --to-tag registry-side (no layer moves), all or nothing; test-gated; --dry-run")
        .Executes(PromoteAsync);

    Target PushIndex => _ => _
        .Description("Write each multi-platform image's index under its shared tags from its platforms' images in the registry " +
                     "(after Push --platform P on each platform's runner); an image missing a platform gets none")
        .Executes(PushIndexesAsync);

    Target Graph => _ => _
        .Description("Print the whole stack as Mermaid (default) or --format dot, to stdout or --output")
        .Executes(WriteGraph);

    Target Docs => _ => _
        .Description("Regenerate every manifest and wiki page (Home, Stable, Stack, one per image) from the ledger alone")
        .Executes(WriteDocs);

    Target RecordEntries => _ => _
        .Description("Append the ledger-entry.json files under --from DIR... to the ledger (the image jobs' Push entries merged into one); then the pages")
        .Executes(RecordEntriesFromFiles);

    Target GenerateWorkflows => _ => _
        .Description("Write the GitHub Actions workflows (.github/workflows) from the stack; settings in spec.yml's ci: section")
        .Executes(WriteWorkflows);

    Target CheckWorkflows => _ => _
        .Description("Fail when the committed workflows differ from what GenerateWorkflows writes now")
        .Executes(CheckWorkflowsCurrent);

    Target PlanOutputs => _ => _
        .Description("Write the plan's affected images as GitHub Actions job outputs ($GITHUB_OUTPUT, else stdout)")
        .DependsOn(Plan)
        .Executes(WritePlanOutputs);

    const string Benchmark = "Benchmark", BenchmarkPromotion = "BenchmarkPromotion", BenchmarkPlatforms = "BenchmarkPlatforms",
        BenchmarkCacheSeed = "BenchmarkCacheSeed", BenchmarkWorkflows = "BenchmarkWorkflows";

    /// <summary>They measure Cascade itself, not the stack: added after the image targets (OnBuildCreated), so they
    /// come last in --help and in the schema. The others measure one case on its own and
    /// replace that section of docs/benchmarks.md, leaving the others as they were measured.</summary>
    (string Name, Target Definition)[] BenchmarkTargets =>
    [
        (Benchmark, _ => _
            .Description("Measure every benchmark (Plan at scale, fan-out, reuse, scheduling, emulation, promotion, the layer cache on a fresh runner, workflow makespan) as ratios; writes docs/benchmarks.md")
            .Executes(RunBenchmarksAsync)),
        (BenchmarkPromotion, _ => _
            .Description("Times Promote of 10 images of 20 MB against docker pull, tag and push of them; updates docs/benchmarks.md")
            .Executes(RunPromotionBenchmarkAsync)),
        (BenchmarkPlatforms, _ => _
            .Description("Times the same small stack built for the host's platform and for linux/arm64 under qemu; updates docs/benchmarks.md")
            .Executes(RunPlatformBenchmarkAsync)),
        (BenchmarkCacheSeed, _ => _
            .Description("Times Build of an image whose last line changed, on a daemon without the stack's images, against docker pull + docker build --cache-from; updates docs/benchmarks.md")
            .Executes(RunCacheSeedBenchmarkAsync)),
        (BenchmarkWorkflows, _ => _
            .Description("Simulates the generated workflows' makespan (full rebuilds, a pull request changing the root, a leaf's last line on a fresh runner) against the critical path and DataHub's single job; updates docs/benchmarks.md")
            .Executes(RunWorkflowsBenchmarkAsync)),
    ];
}
