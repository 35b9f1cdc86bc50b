using Cascade.Changes;
using Cascade.Tests.Support;

namespace Cascade.Tests.Changes;

public class SpecChangeTests
{
    private static BuildPlan PlanAfterSpecEdit(string newSpec, Func<Cascade.Stacks.StackSpec, Cascade.Stacks.StackSpec>? adjust = null)
    {
        using var repo = DemoStack.CreateRepo();
        var baseRef = repo.Commit("base");
        repo.Write("images/spec.yml", newSpec).Commit("edit spec");
        var spec = DemoStack.Spec(repo);
        return DemoStack.Plan(repo, baseRef, adjust?.Invoke(spec) ?? spec);
    }

    [Fact]
    public void A_changed_image_entry_affects_that_image_and_its_descendants()
    {
        var plan = PlanAfterSpecEdit(DemoStack.SpecText.Replace("B: \"2\"", "B: \"3\""));

        plan.ShouldBuild("base", "left", "right", "leaf");
        plan["base"].Reasons.Should().Equal("spec entry changed");
        plan["left"].Reasons.Should().Equal("parent base is rebuilt");
    }

    [Fact]
    public void A_changed_leaf_entry_affects_only_the_leaf()
    {
        var plan = PlanAfterSpecEdit(DemoStack.SpecText.Replace("depend_on: [left, right]", "depend_on: [left, right]\n    prune: true"));

        plan.ShouldBuild("leaf");
        plan["leaf"].Reasons.Should().Equal("spec entry changed");
    }

    [Fact]
    public void Comments_blank_lines_quoting_and_reordering_affect_nothing()
    {
        // Same meaning: comments added, key order and image order swapped, flow style and quoting changed.
        const string same = """
            owner: "demo"   # who owns it
            tag: {prefix: "1.0"}

            images:
              right:
                watch:
                  - shared/**/*.py
                depend_on: base
              base:
                # build args in another order
                build_args: {B: "2", A: '1'}
              leaf:
                depend_on:
                  - left
                  - right
              left: {depend_on: base}

            all_info_cmds:
              PY_VER: {command: python --version, description: Python}
            """;

        PlanAfterSpecEdit(same).Order.Should().BeEmpty();
    }

    [Fact]
    public void A_new_image_counts_as_changed()
    {
        var plan = PlanAfterSpecEdit(
            DemoStack.SpecText.Replace("  leaf:", "  extra:\n    depend_on: left\n  leaf:"),
            spec => spec with { Images = [.. spec.Images, DemoStack.Image("extra", "left")] });

        plan.ShouldBuild("extra");
        plan["extra"].Reasons.Should().Equal("spec entry changed (new image)");
    }

    [Theory]
    [InlineData("prefix: \"1.0\"", "prefix: \"1.1\"", "tag")]
    [InlineData("owner: demo", "owner: other", "owner")]
    [InlineData("owner: demo", "owner: demo\nregistry: ghcr.io", "registry")]
    public void A_changed_top_level_key_affects_every_image(string from, string to, string key)
    {
        var plan = PlanAfterSpecEdit(DemoStack.SpecText.Replace(from, to));

        plan.Order.Should().HaveCount(4);
        plan.Images.Should().OnlyContain(i => i.Reasons.Contains($"spec key '{key}' changed"));
    }

    [Fact]
    public void A_changed_info_command_affects_only_the_images_that_run_it()
    {
        var plan = PlanAfterSpecEdit(
            DemoStack.SpecText.Replace("command: python --version", "command: python3 --version"),
            spec => spec with { Images = spec.Images.Select(i => i.Name == "right" ? i with { InfoCmds = ["PY_VER"] } : i).ToList() });

        plan.ShouldBuild("right", "leaf");
        plan["right"].Reasons.Should().Equal("info command 'PY_VER' changed");
    }

    [Fact]
    public void A_spec_that_did_not_exist_at_the_base_makes_every_image_new()
    {
        using var repo = new GitSandbox();
        repo.Write("README.md", "empty\n");
        var baseRef = repo.Commit("before the stack");
        repo.Write("images/spec.yml", DemoStack.SpecText).Commit("add stack");

        var plan = DemoStack.Plan(repo, baseRef);

        plan.Order.Should().HaveCount(4);
        plan["leaf"].Reasons.Should().StartWith("spec entry changed (new image)");
    }

    [Fact]
    public void BuildAll_on_spec_yml_rebuilds_everything_for_any_spec_edit()
    {
        using var repo = DemoStack.CreateRepo();
        repo.Write("images/change_ignore.json", """{"ChangeIgnore": [], "BuildAll": ["spec.yml"]}""");
        var baseRef = repo.Commit("base");
        repo.Write("images/spec.yml", DemoStack.SpecText + "\n# just a comment\n").Commit();

        var plan = DemoStack.Plan(repo, baseRef);

        plan.Order.Should().HaveCount(4);
        plan["right"].Reasons.Should().Equal("BuildAll: spec.yml", "parent base is rebuilt");
    }

    [Fact]
    public void A_changed_default_platforms_affects_the_images_that_take_the_default()
    {
        Cascade.Stacks.Platform[] amd64 = [Cascade.Stacks.Platform.LinuxAmd64];
        var plan = PlanAfterSpecEdit(DemoStack.SpecText.Replace("owner: demo\n", "owner: demo\nplatforms: [linux/amd64]\n"),
            spec => spec with
            {
                Platforms = amd64,
                Images = spec.Images.Select(i => i with { Platforms = i.Name == "right" ? [Cascade.Stacks.Platform.LinuxArm64] : amd64 }).ToList(),
            });

        plan["base"].Reasons.Should().Equal("spec key 'platforms' changed");
        plan["right"].Reasons.Should().Equal(["parent base is rebuilt"], "its own platforms are not the default");
    }
}
