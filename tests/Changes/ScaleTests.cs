using Cascade.Benchmarks;
using Cascade.Changes;
using Cascade.Reports;
using Cascade.Stacks;

namespace Cascade.Tests.Changes;

public class ScaleTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public void A_generated_5000_image_stack_plans_every_changed_image_and_all_descendants()
    {
        using var sandbox = new GitSandbox(init: false);
        var stack = new StackGenerator().Generate(sandbox.Root, imageCount: 5000, changedPathCount: 6000, seed: 7);
        var graph = new StackGraph(stack.Spec);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var changes = new ChangeDetector().Detect(stack.StackDirectory, stack.SpecFile, new ChangeOptions { BaseRef = stack.BaseRef });
        var detected = clock.Elapsed;
        var plan = new Planner().Plan(stack.Spec, graph, changes, new PlanOptions());
        var planned = clock.Elapsed - detected;
        new PlanTree(TextWriter.Null, useColour: true).Print(plan);
        // Reported, not asserted: timing on a shared machine proves nothing; the Benchmark target measures it.
        output.WriteLine($"detect {detected.TotalMilliseconds:F0} ms, plan {planned.TotalMilliseconds:F0} ms, print {(clock.Elapsed - detected - planned).TotalMilliseconds:F0} ms");

        changes.Paths.Should().BeEquivalentTo(stack.ChangedPaths);
        // 6,000 paths over 5,000 images: every image is touched, the first 1,000 twice.
        plan.Order.Should().HaveCount(5000);
        plan["img-0000"].Reasons.Should().BeEquivalentTo("changed images/img-0000/files/seed.txt", "changed images/img-0000/files/changed-5000.txt");
        plan.Layers.Sum(l => l.Count).Should().Be(5000);
        plan.Layers.Select(l => graph.Depth(l[0])).Should().BeInAscendingOrder();
    }

    [Fact]
    public void A_generated_plan_with_few_changes_picks_exactly_their_descendants()
    {
        using var sandbox = new GitSandbox(init: false);
        var stack = new StackGenerator().Generate(sandbox.Root, imageCount: 800, changedPathCount: 3, seed: 11);
        var graph = new StackGraph(stack.Spec);

        var changes = new ChangeDetector().Detect(stack.StackDirectory, stack.SpecFile, new ChangeOptions { BaseRef = stack.BaseRef });
        var plan = new Planner().Plan(stack.Spec, graph, changes, new PlanOptions());

        var expected = graph.WithDescendants(["img-0000", "img-0001", "img-0002"]);
        plan.Order.Should().BeEquivalentTo(expected);
        plan.Images.Where(i => !i.Affected).Should().OnlyContain(i => i.Reasons.Count == 0);
        File.ReadAllText(Path.Combine(stack.StackDirectory, "img-0799", "Dockerfile")).Should().Contain("FROM cascade-bench/img-").And.Contain(":${BASE_TAG}");
    }
}
