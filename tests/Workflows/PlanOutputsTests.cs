using Cascade.Changes;
using Cascade.Stacks;
using Cascade.Tests.Support;
using Cascade.Workflows;

namespace Cascade.Tests.Workflows;

public class PlanOutputsTests
{
    [Fact]
    public void The_affected_images_and_each_matrix_slice_with_only_affected_parents()
    {
        using var stack = new TempStack("images:\n  base:\n    timeout: 90s\n  mid:\n    depend_on: base\n  app:\n    depend_on: [mid, base]\n")
            .Plain("base").Dockerfile("mid", "FROM base\n").Dockerfile("app", "FROM mid\nCOPY --from=base / /\n");
        var loaded = stack.Load();
        var plan = new Planner().Plan(loaded.Spec, loaded.Graph, ChangeSet.None, new PlanOptions { ForcedImages = ["mid"] });

        PlanOutputs.Write(plan, loaded.Spec, loaded.Graph).Should().Be(
            "images=[\"mid\",\"app\"]\ncount=2\nleft_out=\n" +
            "layer_0_0=[]\n" +
            "layer_1_0=[{\"image\":\"mid\",\"parents\":\"\",\"timeout\":60}]\n" +
            "layer_2_0=[{\"image\":\"app\",\"parents\":\"mid\",\"timeout\":60}]\n");
    }

    [Fact]
    public void The_images_left_out_as_found_in_the_registry_are_not_affected_and_are_listed_for_their_one_job()
    {
        using var stack = new TempStack("images:\n  base:\n  mid:\n    depend_on: base\n  app:\n    depend_on: mid\n  solo:\n")
            .Plain("base").Dockerfile("mid", "FROM base\n").Dockerfile("app", "FROM mid\n").Plain("solo");
        var loaded = stack.Load();
        var all = new Planner().Plan(loaded.Spec, loaded.Graph, ChangeSet.None, new PlanOptions { All = true });

        var plan = Planner.LeaveOut(all, loaded.Graph, new HashSet<string> { "base", "solo" });

        plan.Order.Should().Equal("mid", "app");
        plan.Layers.Should().HaveCount(2);
        plan.LeftOut.Should().Equal("base", "solo");
        plan["base"].Affected.Should().BeFalse();
        plan.Notes.Should().ContainSingle().Which.Should().Contain("base, solo");
        BuildPlan.FromJson(plan.ToJson()).LeftOut.Should().Equal("base", "solo");
        PlanOutputs.Write(plan, loaded.Spec, loaded.Graph).Should().StartWith("images=[\"mid\",\"app\"]\ncount=2\nleft_out=base solo\n");
    }
}
