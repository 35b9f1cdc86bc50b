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
    public void Jobs_of_images_the_run_does_not_build_take_no_time()
    {
        var costs = Costs with { Affected = new HashSet<string> { "b", "c" } };
        WorkflowSimulation.Makespan(Generated(WorkflowLayout.Jobs), Graph, costs).Should().Be(M(2 + 21 + 2), "root's job is skipped");
        WorkflowSimulation.CriticalPath(Graph, costs).Should().Be(M(25));
        WorkflowSimulation.SingleSequentialJob(Graph, costs).Should().Be(M(1 + 20 + 1));
    }

    [Fact]
    public void An_image_jobs_parts_add_up_and_lie_on_the_path()
    {
        var costs = Costs with
        {
            Program = M(1),
            ParentPulls = new Dictionary<string, TimeSpan> { ["c"] = M(2) },
            CachePulls = new Dictionary<string, TimeSpan> { ["c"] = M(1) },
            Pushes = new Dictionary<string, TimeSpan> { ["c"] = M(1) },
        };
        costs.ImageJob("c").Should().Be(new JobParts(M(1), M(1), M(2), M(1), M(1), M(1)));
        costs.ImageJob("c").Total.Should().Be(M(7));
        // plan 2; root 1 + 1 + 10; b 1 + 1 + 20; c 7.
        WorkflowSimulation.CriticalPath(Graph, costs).Should().Be(M(2 + 12 + 22 + 7));
        WorkflowSimulation.Makespan(Generated(WorkflowLayout.Jobs), Graph, costs).Should().Be(M(43));
        WorkflowSimulation.SingleSequentialJob(Graph, costs).Should().Be(M(1 + 10 + 5 + 20 + 1 + 1), "one runner pulls no parent and no cache, but pushes");
    }

    /// <summary>Round figures: set-up 1 min, no restore, planning 1 min, compile 2 min; a GB pulls in a minute and pushes in two.</summary>
    private static readonly RunnerModel Runner = new()
    {
        Setup = M(1), ProgramRestore = TimeSpan.Zero, Planning = M(1), Compile = M(2),
        PullGigabytesPerSecond = 1 / 60.0, PushGigabytesPerSecond = 1 / 120.0,
    };

    private static readonly Dictionary<string, ImageProfile> Profiles = new()
    {
        ["root"] = new(M(10), M(2), OwnGigabytes: 1, BaseGigabytes: 2),
        ["a"] = new(M(5), M(1), 1), ["b"] = new(M(20), M(1), 2), ["c"] = new(M(1), M(1), 1),
    };

    private static WorkflowScenario Scenario(string changed, bool pullRequest) =>
        new(Graph, Profiles, new Dictionary<string, ImageChange> { [changed] = ImageChange.LastLine }, pullRequest, Runner);

    private static SimulationCosts Template => Costs with { ImageDurations = new Dictionary<string, TimeSpan>() };

    [Fact]
    public void A_pull_request_changing_the_root_builds_the_root_from_its_cache_and_the_rest_from_scratch()
    {
        var scenario = Scenario("root", pullRequest: true);
        scenario.Affected.Should().BeEquivalentTo(["root", "a", "b", "c"]);
        Graph.Images.Where(scenario.Cached).Should().Equal("root");
        var costs = scenario.Cascade(Template);

        // root: set-up 1, its 2 GB base 2, its previous build 1, the last line and tests 2, nothing new to push.
        costs.ImageJob("root").Should().Be(new JobParts(M(1), TimeSpan.Zero, M(2), M(1), M(2), TimeSpan.Zero));
        // b: pulls base and root (3 GB), no cache (its parent is new), builds 20, pushes its 2 GB (its fingerprint tag).
        costs.ImageJob("b").Should().Be(new JobParts(M(1), TimeSpan.Zero, M(3), TimeSpan.Zero, M(20), M(4)));
        // c pulls base, root, a, b: 6 GB.
        costs.ImageJob("c").Total.Should().Be(M(1 + 6 + 1 + 2));
        WorkflowSimulation.CriticalPath(Graph, costs).Should().Be(M(2 + 6 + 28 + 10));
        WorkflowSimulation.Makespan(Generated(WorkflowLayout.Jobs), Graph, costs).Should().Be(M(46));

        // One runner: base + previous root 3, root 2; previous a 1, a 5; previous b 2, b 20; previous c 1, c 1. No push.
        scenario.DataHubWithCache().Should().Be(M(1 + 3 + 2 + 1 + 5 + 2 + 20 + 1 + 1));

        // Before: every job compiled (2) and built its affected ancestors itself, with the base pulled each time.
        var before = scenario.CascadeBefore(Template);
        before.ImageJob("c").Should().Be(new JobParts(M(1), M(2), M(2), TimeSpan.Zero, M(1 + 10 + 5 + 20), TimeSpan.Zero));
        WorkflowSimulation.Makespan(Generated(WorkflowLayout.Jobs), Graph, before).Should().Be(M(4 + 15 + 35 + 41));
    }

    [Fact]
    public void A_leafs_last_line_on_a_fresh_runner_pulls_its_parents_and_its_previous_build()
    {
        var scenario = Scenario("c", pullRequest: false);
        var costs = scenario.Cascade(Template);
        costs.ImageJob("c").Should().Be(new JobParts(M(1), TimeSpan.Zero, M(6), M(1), M(1), TimeSpan.Zero));
        WorkflowSimulation.Makespan(Generated(WorkflowLayout.Jobs), Graph, costs).Should().Be(M(2 + 9));
        scenario.DataHubWithCache().Should().Be(M(1 + 7 + 1), "one runner pulls c's whole previous image and builds its last line");
        WorkflowSimulation.Makespan(Generated(WorkflowLayout.Jobs), Graph, scenario.CascadeBefore(Template))
            .Should().Be(M(4 + 1 + 2 + 6 + 1 + 2), "before: the plan job and c's job compiled, c built from scratch and pushed");
    }

    [Fact]
    public void The_benchmark_tables_judge_the_generated_workflow_against_the_critical_path()
    {
        var tables = WorkflowSimulationBenchmark.Run(SpecLoader.Load(Support.RepositoryRoot.Combine("images")).Spec);
        tables.Should().HaveCount(8, "a full rebuild of four stacks, and two events on two of them");
        tables.Where(t => t.Title.StartsWith("Workflow: ")).Select(t => t.Title).Should().Equal(
            "Workflow: a pull request changing the root, the sample stack",
            "Workflow: one leaf's last line edited on a fresh runner, the sample stack",
            "Workflow: a pull request changing the root, a generated stack of 300 images",
            "Workflow: one leaf's last line edited on a fresh runner, a generated stack of 300 images");
        tables.Single(t => t.Title == "Workflow: one leaf's last line edited on a fresh runner, the sample stack").Notes
            .Should().Contain(n => n.StartsWith("Job `image-scipy-ml-notebook`: set-up 35 s, Cascade 5 s, parents pulled 30 s, cache pulled 30 s"),
                "the per-job figures say where the time goes");
        foreach (var table in tables)
            table.Cases[0].MaxRatio.Should().Be(WorkflowSimulationBenchmark.MaxRatio, table.Title);
        tables.Should().OnlyContain(t => t.Passes(t.Cases[0]), "one job per image keeps to the critical path");
    }
}
