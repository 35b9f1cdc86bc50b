using System.Text.Json;
using Cascade.Changes;
using Cascade.Stacks;
using Cascade.Tests.Support;

namespace Cascade.Tests.Changes;

public class BuildPlanJsonTests
{
    private static BuildPlan SamplePlan()
    {
        var dir = Path.Combine(Path.GetTempPath(), "cascade-json-no-such-folder");
        var spec = new StackSpec
        {
            Directory = dir,
            File = Path.Combine(dir, "spec.yml"),
            Roots = ["root"],
            Images = [DemoStack.Image("root"), DemoStack.Image("child", "root"), DemoStack.Image("other", "root")],
        };
        return new Planner().Plan(spec, new StackGraph(spec),
            new ChangeSet { StackPath = "images", Paths = ["images/child/Dockerfile"] }, new PlanOptions());
    }

    [Fact]
    public void The_json_has_exactly_the_agreed_shape()
    {
        var json = SamplePlan().ToJson(indented: false);

        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        root.EnumerateObject().Select(p => p.Name).Should().Equal("images", "order", "layers", "notes");
        var images = root.GetProperty("images").EnumerateArray().ToList();
        images.Select(i => i.GetProperty("name").GetString()).First().Should().Be("root", "images come in topological order");
        foreach (var image in images)
            image.EnumerateObject().Select(p => p.Name).Should().Equal("name", "parents", "depth", "affected", "reasons", "fingerprint", "platform", "dirty", "test_fingerprint");

        var child = images.Single(i => i.GetProperty("name").GetString() == "child");
        child.GetRawText().Should().Be(
            """{"name":"child","parents":["root"],"depth":1,"affected":true,"reasons":["changed images/child/Dockerfile"],"fingerprint":null,"platform":null,"dirty":false,"test_fingerprint":null}""");
        images.Single(i => i.GetProperty("name").GetString() == "root").GetRawText().Should().Be(
            """{"name":"root","parents":[],"depth":0,"affected":false,"reasons":[]{{FP}}}""".Replace("{{FP}}", ""","fingerprint":null,"platform":null,"dirty":false,"test_fingerprint":null"""));
        root.GetProperty("order").GetRawText().Should().Be("""["child"]""");
        root.GetProperty("layers").GetRawText().Should().Be("""[["child"]]""");
    }

    [Fact]
    public void The_json_reads_back_to_the_same_plan()
    {
        var plan = SamplePlan();

        var again = BuildPlan.FromJson(plan.ToJson());

        again.ToJson().Should().Be(plan.ToJson());
        again["child"].Reasons.Should().Equal("changed images/child/Dockerfile");
        again.Layers.Should().HaveCount(1);
    }

    [Fact]
    public void A_plan_with_explanations_carries_them_and_reads_them_back()
    {
        var plan = SamplePlan() with
        {
            Explanations = [new ImageExplanation("child", "r/child:main", ["build arg A: 1 → 2"]), ImageExplanation.WithoutRegistry("other")],
        };

        using var doc = JsonDocument.Parse(plan.ToJson(indented: false));
        doc.RootElement.GetProperty("explanations").GetRawText().Should().StartWith(
            """[{"name":"child","previous":"r/child:main","lines":["build arg A: 1 → 2"]},{"name":"other","previous":null,""");
        var again = BuildPlan.FromJson(plan.ToJson());
        again.Explanations.Select(e => (e.Name, e.Previous, string.Join("|", e.Lines))).Should().Equal(
            plan.Explanations.Select(e => (e.Name, e.Previous, string.Join("|", e.Lines))));
    }

    [Fact]
    public void Reading_something_else_is_a_clear_error()
    {
        var act = () => BuildPlan.FromJson("""{"jobs": []}""");

        act.Should().Throw<ChangeException>().WithMessage("not a Cascade plan*");
    }
}
