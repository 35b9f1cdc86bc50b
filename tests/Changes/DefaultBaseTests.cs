using Cascade.Changes;
using Cascade.Stacks;
using Cascade.Tests.Support;

namespace Cascade.Tests.Changes;

/// <summary>The default base (HEAD~1) on a repository whose only commit is HEAD: a fresh `git init`.</summary>
public class DefaultBaseTests
{
    [Fact]
    public void In_a_first_commit_the_default_base_makes_every_image_new()
    {
        using var repo = DemoStack.CreateRepo();   // one commit only: HEAD~1 does not exist
        var spec = DemoStack.Spec(repo);

        var changes = new ChangeDetector().Detect(spec.Directory, spec.File,
            new ChangeOptions { BaseRef = "HEAD~1", BaseIsDefault = true });
        var plan = new Planner().Plan(spec, new StackGraph(spec), changes, new PlanOptions());

        plan.ShouldBuild("base", "left", "right", "leaf");
        plan["base"].Reasons.Should().Contain("changed images/base/Dockerfile");
    }

    [Fact]
    public void A_base_the_user_named_must_exist()
    {
        using var repo = DemoStack.CreateRepo();
        var spec = DemoStack.Spec(repo);

        var detect = () => new ChangeDetector().Detect(spec.Directory, spec.File, new ChangeOptions { BaseRef = "HEAD~1" });

        detect.Should().Throw<ChangeException>().WithMessage("*unknown base ref 'HEAD~1'*");
    }
}
