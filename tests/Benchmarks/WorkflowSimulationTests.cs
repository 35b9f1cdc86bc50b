using Cascade.Benchmarks;
using Cascade.Stacks;
using Cascade.Workflows;

namespace Cascade.Tests.Benchmarks;

/// <summary>The simulator on a stack small enough to work out by hand: root (10) → a (5), b (20); a, b → c (1);
/// every job 1 more for its overhead, the plan job 2.</summary>
public class WorkflowSimulationTests
{
    private static readonly StackGraph Graph = new([("root", []), ("a", ["root"]), ("b", ["root"]), ("c", ["a", "b"])]);

    private static readonly StackSpec Spec = new()
    {
        Directory = "/stack", File = "/stack/spec.yml", Roots = ["root"],
        Images = Graph.Images.Select(n => new ImageSpec { Name = n, Repository = n, Context = n, DependOn = Graph.Parents(n).ToList() }).ToList(),
    };

    private static readonly SimulationCosts Costs = new(
        new Dictionary<string, TimeSpan> { ["root"] = M(10), ["a"] = M(5), ["b"] = M(20), ["c"] = M(1) }, M(1), M(2));

    private static TimeSpan M(int minutes) => TimeSpan.FromMinutes(minutes);

    private static Workflow Generated(WorkflowLayout layout) => BuildTestPushWorkflow.Create(Spec, Graph, new WorkflowOptions("images"), layout);

    [Fact]
    public void The_critical_path_is_the_plan_then_the_longest_chain_with_each_jobs_overhead()
    {
        WorkflowSimulation.CriticalPath(Graph, Costs).Should().Be(M(2 + 11 + 21 + 2));
    }

    [Fact]
    public void One_job_per_image_finishes_on_the_critical_path()
    {
        WorkflowSimulation.Makespan(Generated(WorkflowLayout.Jobs), Graph, Costs).Should().Be(M(36));
    }

    [Fact]
    public void A_matrix_per_depth_waits_for_the_slowest_image_of_each_depth()
    {
        // a waits for nothing but root, yet c's depth waits for the whole depth of a and b: the same here;
        // with b at depth 1 and c needing only a, the barrier would cost. Root 11, depth 1 max(6, 21), c 2.
        WorkflowSimulation.Makespan(Generated(WorkflowLayout.Matrix), Graph, Costs).Should().Be(M(2 + 11 + 21 + 2));
    }

    [Fact]
    public void With_one_runner_the_jobs_run_one_after_another()
    {
        WorkflowSimulation.Makespan(Generated(WorkflowLayout.Jobs), Graph, Costs with { RunnerLimit = 1 }).Should().Be(M(2 + 11 + 6 + 21 + 2));
    }

    [Fact]
    public void A_matrix_barrier_costs_when_a_short_branch_goes_deeper()
    {
        // root → a → c, root → b: c needs only a (done at 2+11+6), but its depth's matrix starts after b too.
        var graph = new StackGraph([("root", []), ("a", ["root"]), ("b", ["root"]), ("c", ["a"])]);
        var spec = Spec with { Images = graph.Images.Select(n => new ImageSpec { Name = n, Repository = n, Context = n, DependOn = graph.Parents(n).ToList() }).ToList() };
        var options = new WorkflowOptions("images");
        WorkflowSimulation.Makespan(BuildTestPushWorkflow.Create(spec, graph, options, WorkflowLayout.Jobs), graph, Costs).Should().Be(M(2 + 11 + 21));
        WorkflowSimulation.Makespan(BuildTestPushWorkflow.Create(spec, graph, options, WorkflowLayout.Matrix), graph, Costs).Should().Be(M(2 + 11 + 21 + 2));
    }

    [Fact]
    public void Each_platform_job_runs_at_once_and_the_merge_job_comes_before_the_children()
    {
        Platform[] both = [Platform.LinuxAmd64, Platform.LinuxArm64];
        var graph = new StackGraph([("root", []), ("a", ["root"])]);
        var spec = Spec with
        {
            Roots = ["root"],
            Images = [Spec.Images[0] with { Platforms = both }, Spec.Images[1] with { DependOn = ["root"], Platforms = both }],
        };
        var costs = Costs with { PlatformCounts = SimulationCosts.PlatformCountsOf(spec), IndexJob = M(1) };
        var workflow = BuildTestPushWorkflow.Create(spec, graph, new WorkflowOptions("images"), WorkflowLayout.Jobs);

        // plan 2; root's two platform jobs 11 at once, its merge 1; a's platform jobs 6, its merge 1.
        WorkflowSimulation.Makespan(workflow, graph, costs).Should().Be(M(2 + 11 + 1 + 6 + 1));
        WorkflowSimulation.CriticalPath(graph, costs).Should().Be(M(21));
        WorkflowSimulation.SingleSequentialJob(graph, costs).Should().Be(M(1 + 2 * 10 + 2 * 5), "one job builds each platform in turn");
    }

    [Fact]
    public void DataHubs_single_job_builds_everything_in_turn()
    {
        WorkflowSimulation.SingleSequentialJob(Graph, Costs).Should().Be(M(1 + 10 + 5 + 20 + 1));
    }

    [Fact]
    public void The_benchmark_tables_judge_the_generated_workflow_against_the_critical_path()
    {
        var tables = WorkflowSimulationBenchmark.Run(SpecLoader.Load(Support.RepositoryRoot.Combine("images")).Spec);
        tables.Should().HaveCount(4);
        foreach (var table in tables)
            table.Cases[0].MaxRatio.Should().Be(WorkflowSimulationBenchmark.MaxRatio, table.Title);
        tables.Should().OnlyContain(t => t.Passes(t.Cases[0]), "one job per image keeps to the critical path");
    }
}
