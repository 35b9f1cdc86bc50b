using Cascade.Benchmarks;
using Cascade.Changes;
using Cascade.Reports;
using Cascade.Stacks;
using Cascade.Tests.Support;

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
        var tests = Cascade.Changes.Fingerprints.TestFingerprinter.Compute(stack.Spec, sandbox.Root);
        var tested = clock.Elapsed - detected;
        var plan = new Planner().Plan(stack.Spec, graph, changes, new PlanOptions { TestFingerprints = tests });
        var planned = clock.Elapsed - detected - tested;
        new PlanTree(TextWriter.Null, TextWriter.Null, useColour: true).Print(plan);
        // Reported, not asserted: timing on a shared machine proves nothing; the Benchmark target measures it.
        output.WriteLine($"detect {detected.TotalMilliseconds:F0} ms, test fingerprints {tested.TotalMilliseconds:F0} ms, " +
                         $"plan {planned.TotalMilliseconds:F0} ms, print {(clock.Elapsed - detected - tested - planned).TotalMilliseconds:F0} ms");
        tests.Values.Should().OnlyContain(t => t.IsEmpty, "the generated images have no tests");

        changes.Paths.Order(StringComparer.Ordinal).Should().Equal(stack.ChangedPaths.Order(StringComparer.Ordinal));
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
        var stack = new StackGenerator().Generate(sandbox.Root, imageCount: 800, changedPathCount: 0, seed: 11);
        sandbox.Git("config", "user.name", "t");
        sandbox.Git("config", "user.email", "t@t.invalid");
        sandbox.Write("images/img-0400/files/new.txt", "x\n").Write("images/img-0799/Dockerfile", "FROM scratch\n").Commit();
        var graph = new StackGraph(stack.Spec);

        var changes = new ChangeDetector().Detect(stack.StackDirectory, stack.SpecFile, new ChangeOptions { BaseRef = stack.BaseRef });
        var plan = new Planner().Plan(stack.Spec, graph, changes, new PlanOptions());

        var expected = graph.WithDescendants(["img-0400", "img-0799"]);
        expected.Count.Should().BeLessThan(800, "the test needs unaffected images to be meaningful");
        plan.Order.Order(StringComparer.Ordinal).Should().Equal(expected.Order(StringComparer.Ordinal));
        plan.Images.Where(i => !i.Affected).Should().NotBeEmpty().And.OnlyContain(i => i.Reasons.Count == 0);
        File.ReadAllText(Path.Combine(stack.StackDirectory, "img-0798", "Dockerfile")).Should().Contain("FROM cascade-bench/img-").And.Contain(":${BASE_TAG}");
    }

    [Fact]
    public void Fifty_thousand_paths_with_a_watch_glob_per_image_map_to_the_right_images()
    {
        var dir = Path.Combine(Path.GetTempPath(), "cascade-scale-no-such-folder");
        var names = Enumerable.Range(0, 5000).Select(i => $"img-{i:0000}").ToList();
        var spec = new StackSpec
        {
            Directory = dir,
            File = Path.Combine(dir, "spec.yml"),
            Roots = ["img-0000"],
            Images = names.Select((n, i) => DemoStack.Image(n, i == 0 ? [] : [names[(i - 1) / 2]]) with { Watch = [$"shared/{n}/**/*.py"] }).ToList(),
        };
        // Twenty paths per image for the last 2,500 images (the leaves of this binary tree), half in the context, half watched.
        var paths = names.Skip(2500).SelectMany(n => Enumerable.Range(0, 20)
            .Select(k => k % 2 == 0 ? $"images/{n}/f{k}.txt" : $"shared/{n}/sub/f{k}.py")).ToList();
        paths.Add("shared/img-0001/notes.txt"); // watched folder, but not a .py file

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var plan = new Planner().Plan(spec, new StackGraph(spec), new ChangeSet { StackPath = "images", Paths = paths }, new PlanOptions());
        output.WriteLine($"{paths.Count} paths, 5000 images with watch globs: plan {clock.ElapsedMilliseconds} ms");

        plan.ShouldBuild([.. names.Skip(2500)]);
        plan["img-4999"].Reasons.Should().HaveCount(20).And.Contain("changed shared/img-4999/sub/f1.py (watch shared/img-4999/**/*.py)");
    }
}

public class GeneratedStackLoadTests
{
    [Fact]
    public void The_spec_loader_reads_a_generated_stack_as_the_generator_describes_it_and_it_plans_through_git()
    {
        using var sandbox = new GitSandbox(init: false);
        var stack = new StackGenerator().Generate(sandbox.Root, imageCount: 300, changedPathCount: 2, seed: 3);

        var loaded = SpecLoader.Load(stack.StackDirectory);

        loaded.Warnings.Should().BeEmpty();
        loaded.Spec.Images.Select(i => (i.Name, string.Join(",", i.DependOn), i.Context, i.Repository))
            .Should().Equal(stack.Spec.Images.Select(i => (i.Name, string.Join(",", i.DependOn), i.Context, i.Repository)));
        var changes = new ChangeDetector().Detect(loaded.Spec.Directory, loaded.Spec.File, new ChangeOptions { BaseRef = stack.BaseRef });
        var plan = new Planner().Plan(loaded.Spec, loaded.Graph, changes, new PlanOptions());
        plan.ShouldBuild([.. loaded.Graph.WithDescendants(["img-0000", "img-0001"])]);
    }
}
