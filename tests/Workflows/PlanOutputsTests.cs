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
            "images=[\"mid\",\"app\"]\ncount=2\n" +
            "layer_0_0=[]\n" +
            "layer_1_0=[{\"image\":\"mid\",\"parents\":\"\",\"timeout\":60}]\n" +
            "layer_2_0=[{\"image\":\"app\",\"parents\":\"mid\",\"timeout\":60}]\n");
    }
}
