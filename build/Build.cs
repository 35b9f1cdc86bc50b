using Cascade.Engine;

/// <summary>
/// Cascade's targets. Each is a few lines: the work lives in the domain folders (Stacks, Changes,
/// Docker, Registry, Pipeline, Reports); the partial files Build.*.cs join them to the engine.
/// Image targets (one per image of the stack, depending on its parents) are added in OnBuildCreated.
/// </summary>
partial class CascadeBuild : NukeBuild
{
    public static int Main(string[] args) => Execute<CascadeBuild>(args, x => x.Plan);

    Target Plan => _ => _
        .Description("Show which images a change affects and why; --plan-file writes it as JSON")
        .OnlyWhen(() => !Gpu)
        .Executes(ShowPlan);

    Target Graph => _ => _
        .Description("Print the whole stack as Mermaid (default) or --format dot, to stdout or --output")
        .Executes(WriteGraph);

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

    Target Benchmark => _ => _
        .Description("Measure every benchmark (Plan at scale, fan-out, reuse, scheduling, emulation, promotion, the layer cache on a fresh runner, workflow makespan) as ratios; writes docs/benchmarks.md")
        .Executes(RunBenchmarksAsync);
}
