using Cascade.Pipeline;
using Cascade.Stacks;
using Cascade.Stacks.Dockerfiles;

namespace Cascade.Tests.Stacks;

/// <summary>The arg the pipeline injects for a parent is the arg the Dockerfile check expects: one rule.</summary>
public class ParentBuildArgsTests
{
    [Theory]
    [InlineData("scipy-ml.notebook", "SCIPY_ML_NOTEBOOK_IMAGE")]
    [InlineData("2024-base", "_2024_BASE_IMAGE")]
    public void A_parents_arg_is_a_Dockerfile_variable_name(string parent, string expected) =>
        ParentBuildArgs.ImageOf(parent).Should().Be(expected);

    [Fact]
    public void The_injected_arg_of_a_parent_whose_name_starts_with_a_digit_names_that_parent_in_the_check()
    {
        var child = new ImageSpec
        {
            Name = "app", Repository = "o/app", DependOn = ["root", "2024-base"], Context = "app",
        };
        var injected = new BuildInputs(TimeProvider.System).InjectedArgs(child,
            [new ParentImage("root", "o/root:main", null), new ParentImage("2024-base", "o/2024-base:main", null)]);
        var arg = injected.Single(a => a.Value == "o/2024-base:main" && a.Key != ParentBuildArgs.BaseImage).Key;

        var index = new StackImageIndex([("root", "o/root"), ("2024-base", "o/2024-base"), ("app", "o/app")]);
        var findings = DockerfileCheck.Check(
            $"ARG BASE_IMAGE\nARG {arg}\nFROM ${{{arg}}} AS extra\nFROM ${{BASE_IMAGE}}\nCOPY --from=extra /x /x\n",
            "Dockerfile", "app", child.DependOn, index);

        findings.Errors.Should().BeEmpty();
        findings.NamedParents.Should().BeEquivalentTo(["root", "2024-base"]);
    }
}
