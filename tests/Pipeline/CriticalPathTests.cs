using Cascade.Pipeline;
using Cascade.Tests.Support;

namespace Cascade.Tests.Pipeline;

/// <summary>Which ready image starts first when more are ready than may run.</summary>
public class CriticalPathTests
{
    // Short leaves first in the spec, so first-come-first-served would start them before the long chain.
    private static TempStack ChainBesideLeaves() => new TempStack().Image("root")
        .Image("l1", "root").Image("l2", "root").Image("l3", "root")
        .Image("c1", "root").Image("c2", "c1").Image("c3", "c2");

    private static async Task<List<string>> StartOrder(TempStack stack, SchedulingOrder order, IReadOnlyDictionary<string, TimeSpan>? previous = null)
    {
        var engine = new FakeDockerEngine();
        var options = new RunOptions
        {
            Branch = "main", ArtifactsDirectory = stack.Artifacts, UpTo = PipelineStage.Build, Parallelism = 1,
            Scheduling = order, PreviousDurations = previous ?? new Dictionary<string, TimeSpan>(),
        };
        var result = await new DagScheduler(engine, new PlainRunReporter(TextWriter.Null, Cascade.Reports.ResultsFile.Table), TimeProvider.System)
            .RunAsync(new RunRequest(stack.Spec, stack.Graph, stack.Graph.Images, options), default);
        result.Succeeded.Should().BeTrue();
        return engine.Events.Where(e => e.StartsWith("start ")).Select(e => e["start ".Length..]).ToList();
    }

    [Fact]
    public async Task The_longest_remaining_chain_starts_before_short_leaves()
    {
        using var stack = ChainBesideLeaves();
        (await StartOrder(stack, SchedulingOrder.CriticalPathFirst)).Should().StartWith(["root", "c1"]);
    }

    [Fact]
    public async Task First_come_first_served_takes_them_in_the_order_they_became_ready()
    {
        using var stack = ChainBesideLeaves();
        (await StartOrder(stack, SchedulingOrder.FirstComeFirstServed)).Should().StartWith(["root", "l1", "l2", "l3", "c1"]);
    }

    [Fact]
    public async Task Previous_durations_weigh_the_path()
    {
        using var stack = ChainBesideLeaves();
        var previous = new Dictionary<string, TimeSpan>
        {
            ["root"] = TimeSpan.FromSeconds(5), ["l1"] = TimeSpan.FromSeconds(5), ["l3"] = TimeSpan.FromSeconds(5),
            ["l2"] = TimeSpan.FromMinutes(30), ["c1"] = TimeSpan.FromSeconds(10), ["c2"] = TimeSpan.FromSeconds(10), ["c3"] = TimeSpan.FromSeconds(10),
        };
        (await StartOrder(stack, SchedulingOrder.CriticalPathFirst, previous)).Should().StartWith(["root", "l2", "c1"]);
    }

    [Fact]
    public void Remaining_work_is_the_heaviest_path_below_each_image()
    {
        using var stack = ChainBesideLeaves();
        var work = CriticalPath.RemainingWork(stack.Graph, stack.Graph.TopologicalOrder, new Dictionary<string, TimeSpan>());
        work["c3"].Should().Be(1);
        work["c1"].Should().Be(3);
        work["l1"].Should().Be(1);
        work["root"].Should().Be(4);
    }
}
