using Cascade.Changes;
using Cascade.Reports;
using Cascade.Stacks;
using Cascade.Tests.Support;

namespace Cascade.Tests.Reports;

public class PlanTreeTests
{
    private static readonly string Dir = Path.Combine(Path.GetTempPath(), "cascade-tree-no-such-folder");

    // a → b, a → c, (b, c) → d, e → f; g alone
    private static readonly StackSpec Spec = new()
    {
        Directory = Dir,
        File = Path.Combine(Dir, "spec.yml"),
        Roots = ["a", "e", "g"],
        Images =
        [
            DemoStack.Image("a"), DemoStack.Image("b", "a"), DemoStack.Image("c", "a"),
            DemoStack.Image("d", "b", "c"), DemoStack.Image("e"), DemoStack.Image("f", "e"), DemoStack.Image("g"),
        ],
    };

    private static string Print(BuildPlan plan, bool colour = false)
    {
        var text = new StringWriter();
        new PlanTree(text, TextWriter.Null, colour).Print(plan);
        return text.ToString();
    }

    private static BuildPlan Plan(params string[] paths) =>
        new Planner().Plan(Spec, new StackGraph(Spec), new ChangeSet { StackPath = "images", Paths = paths }, new PlanOptions());

    [Fact]
    public void Prints_children_under_their_parent_and_a_diamond_child_once_with_a_reference()
    {
        var output = Print(Plan("images/a/Dockerfile", "images/f/x"));
        var lines = output.Split('\n');

        output.Should().StartWith("Build 5 of 7 images in 3 layers:\n");
        lines.Count(l => l.EndsWith("── d") || l == "d").Should().Be(1, "d is drawn once in full");
        lines.Should().Contain(l => l.Contains("d (see under b)"));
        lines.Should().Contain("a").And.Contain("│   · changed images/a/Dockerfile");
        lines.Should().Contain(l => l.Contains("· parent a is rebuilt"));
        lines.Should().Contain("f  on e (unchanged)");
        lines.Should().Contain(l => l.StartsWith("2 images unchanged: ") && l.Contains('e') && l.Contains('g'));
        // d hangs under b, its FROM parent; c only refers to it.
        var b = Array.FindIndex(lines, l => l.EndsWith("── b"));
        var fullD = Array.FindIndex(lines, l => l.EndsWith("── d"));
        lines[fullD].IndexOf("── d").Should().Be(lines[b].IndexOf("── b") + 4, "d is indented one level below b");
        lines.Skip(b + 1).Take(fullD - b - 1).Should().NotContain(l => l.Contains("── c"));
    }

    [Fact]
    public void Explanations_follow_the_tree_each_image_with_what_it_is_compared_with_and_every_line()
    {
        var plain = Print(Plan("images/g/x"));
        var plan = Plan("images/g/x") with
        {
            Explanations = [new ImageExplanation("g", "r/g:main", ["context: images/g/x changed", "build arg A: 1 → 2", "parent z rebuilt", "platform: a → b"])],
        };

        Print(plan).Should().Be(plain + "\nWhat moved since each image's previous build (--explain):\ng  since r/g:main\n" +
                                "  · context: images/g/x changed\n  · build arg A: 1 → 2\n  · parent z rebuilt\n  · platform: a → b\n",
            "all of them, not the first few as for reasons");
        plain.Should().NotContain("--explain");
    }

    [Fact]
    public void Notes_go_to_their_own_writer_not_into_the_tree()
    {
        var tree = new StringWriter();
        var notes = new StringWriter();
        var plan = Plan("images/g/x") with { Notes = ["base image x:1 entered the fingerprints by its reference text"] };

        new PlanTree(tree, notes, useColour: false).Print(plan);

        tree.ToString().Should().Contain("g").And.NotContain("note:");
        notes.ToString().Should().Be("note: base image x:1 entered the fingerprints by its reference text" + Environment.NewLine);
    }

    [Fact]
    public void Caps_long_reason_lists()
    {
        var paths = Enumerable.Range(0, 50).Select(i => $"images/g/file{i:00}.txt").ToArray();

        var output = Print(Plan(paths));

        output.Should().Contain("· changed images/g/file00.txt").And.Contain("· changed images/g/file02.txt")
            .And.NotContain("file03").And.Contain("… and 47 more");
    }

    [Fact]
    public void Dims_unchanged_images_only_when_colour_is_on()
    {
        var plain = Print(Plan("images/g/x"));
        var coloured = Print(Plan("images/g/x"), colour: true);

        plain.Should().NotContain("\u001b[");
        plain.Should().Contain("6 images unchanged: ").And.Contain("a, ");
        coloured.Should().Contain("\u001b[2m6 images unchanged");
    }

    [Fact]
    public void Says_so_when_nothing_is_affected()
    {
        Print(Plan()).Should().StartWith("Nothing to build").And.Contain("7 images unchanged");
    }
}
