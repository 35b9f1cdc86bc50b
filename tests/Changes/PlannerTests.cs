using Cascade.Changes;
using Cascade.Stacks;
using Cascade.Tests.Support;

namespace Cascade.Tests.Changes;

/// <summary>Forcing and descendants, which need no git: the change set is built by hand.</summary>
public class PlannerTests
{
    private static readonly string Dir = Path.Combine(Path.GetTempPath(), "cascade-planner-no-such-folder");

    // a → b, a → c, (b, c) → d (diamond), e alone, f under e
    private static readonly StackSpec Spec = new()
    {
        Directory = Dir,
        File = Path.Combine(Dir, "spec.yml"),
        Roots = ["a", "e"],
        Images =
        [
            DemoStack.Image("a"), DemoStack.Image("b", "a"), DemoStack.Image("c", "a"),
            DemoStack.Image("d", "c", "b"), DemoStack.Image("e"), DemoStack.Image("f", "e"),
        ],
    };

    private static BuildPlan Plan(PlanOptions options, params string[] changedPaths) =>
        new Planner().Plan(Spec, new StackGraph(Spec), new ChangeSet { StackPath = "images", Paths = changedPaths }, options);

    [Fact]
    public void A_change_pulls_in_the_diamond_below_it_naming_the_nearest_affected_parent()
    {
        var plan = Plan(new PlanOptions(), "images/b/Dockerfile");

        plan.ShouldBuild("b", "d");
        plan["d"].Reasons.Should().Equal("parent b is rebuilt");
    }

    [Fact]
    public void A_diamond_child_names_its_FROM_parent_first_when_both_are_rebuilt()
    {
        var plan = Plan(new PlanOptions(), "images/a/Dockerfile");

        plan.ShouldBuild("a", "b", "c", "d");
        plan["d"].Parents.Should().Equal("c", "b");
        plan["d"].Reasons.Should().Equal("parent c is rebuilt");
        plan.Layers.Should().HaveCount(3);
        plan.Layers[0].Should().Equal("a");
        plan.Layers[1].Should().BeEquivalentTo("b", "c");
        plan.Layers[2].Should().Equal("d");
    }

    [Fact]
    public void Nothing_changed_and_nothing_forced_plans_nothing()
    {
        var plan = new Planner().Plan(Spec, new StackGraph(Spec), ChangeSet.None, new PlanOptions());

        plan.NothingToDo.Should().BeTrue();
        plan.Images.Should().HaveCount(6).And.OnlyContain(i => !i.Affected && i.Reasons.Count == 0);
        plan.Layers.Should().BeEmpty();
    }

    [Fact]
    public void Forced_images_pull_in_their_descendants()
    {
        var plan = Plan(new PlanOptions { ForcedImages = ["c", "e"] });

        plan.ShouldBuild("c", "e", "d", "f");
        plan["c"].Reasons.Should().Equal("forced");
        plan["f"].Reasons.Should().Equal("parent e is rebuilt");
    }

    [Fact]
    public void No_descendants_builds_only_the_named_images()
    {
        Plan(new PlanOptions { ForcedImages = ["a"], NoDescendants = true }).ShouldBuild("a");
        Plan(new PlanOptions { ForcedImages = ["b", "c"], NoDescendants = true }).ShouldBuild("b", "c");
    }

    private static readonly Dictionary<string, IReadOnlyList<string>> EMoved = new() { ["e"] = ["base up:1 moved: sha256:1 → sha256:2"] };

    [Fact]
    public void A_moved_base_is_a_change_its_subtree_is_built_and_its_reason_names_the_base()
    {
        var plan = Plan(new PlanOptions { BaseMoves = EMoved }, "images/b/Dockerfile");

        plan.ShouldBuild("b", "d", "e", "f");
        plan["e"].Reasons.Should().Equal("base up:1 moved: sha256:1 → sha256:2");
        plan["f"].Reasons.Should().Equal("parent e is rebuilt");
        Plan(new PlanOptions { BaseMoves = EMoved, All = true })["e"].Reasons.Should().Equal("forced (--all)", "base up:1 moved: sha256:1 → sha256:2");
    }

    [Fact]
    public void In_a_plan_of_named_images_a_moved_base_says_why_and_adds_no_image()
    {
        var one = Plan(new PlanOptions { BaseMoves = EMoved, ForcedImages = ["e"], NoDescendants = true });
        one.ShouldBuild("e");
        one["e"].Reasons.Should().Equal("forced", "base up:1 moved: sha256:1 → sha256:2");

        Plan(new PlanOptions { BaseMoves = EMoved, ForcedImages = ["a"], NoDescendants = true }).ShouldBuild("a");
    }

    [Fact]
    public void Named_images_are_the_plan_not_an_addition_to_what_git_changed()
    {
        var plan = Plan(new PlanOptions { ForcedImages = ["c"] }, "images/e/x.txt", "images/c/Dockerfile");

        plan.ShouldBuild("c", "d");
        plan["c"].Reasons.Should().Equal("forced");
        plan["d"].Reasons.Should().Equal("parent c is rebuilt");
        plan["e"].Affected.Should().BeFalse("e changed, but the user named c");

        Plan(new PlanOptions { ForcedImages = ["a"], NoDescendants = true }, "images/e/x.txt").ShouldBuild("a");
        new PlanOptions { ForcedImages = ["a"] }.CountsChanges.Should().BeFalse("git need not be asked");
        new PlanOptions().CountsChanges.Should().BeTrue();
    }

    [Fact]
    public void All_forces_every_image()
    {
        var plan = Plan(new PlanOptions { All = true });

        plan.Order.Should().HaveCount(6);
        plan["d"].Reasons.Should().Contain("forced (--all)");
    }

    [Fact]
    public void An_unknown_forced_image_is_a_clear_error_listing_the_known_ones()
    {
        var act = () => Plan(new PlanOptions { ForcedImages = ["zz"] });

        act.Should().Throw<ChangeException>().WithMessage("unknown image 'zz' in --images; the stack has: a, b, c, d, e, f");
    }

    [Fact]
    public void A_context_outside_the_image_folder_and_a_Dockerfile_outside_the_context_both_count()
    {
        var spec = Spec with
        {
            Images = Spec.Images.Select(i => i.Name switch
            {
                "b" => i with { Context = "../shared/b-context" },
                "c" => i with { Dockerfile = "../dockerfiles/c.Dockerfile" },
                _ => i,
            }).ToList(),
        };
        var changes = new ChangeSet { StackPath = "images", Paths = ["shared/b-context/x", "images/dockerfiles/c.Dockerfile"] };

        var plan = new Planner().Plan(spec, new StackGraph(spec), changes, new PlanOptions());

        plan["b"].Reasons.Should().Equal("changed shared/b-context/x");
        plan["c"].Reasons.Should().Equal("changed images/dockerfiles/c.Dockerfile");
    }
}
