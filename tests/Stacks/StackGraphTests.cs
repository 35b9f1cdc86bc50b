using Cascade.Stacks;

namespace Cascade.Tests.Stacks;

public class StackGraphTests
{
    private static StackGraph Graph(params (string Name, string[] Parents)[] images) =>
        new(images.Select(i => (i.Name, (IReadOnlyList<string>)i.Parents)));

    // base → left, right → top (a diamond), plus a separate root.
    private static readonly StackGraph Diamond = Graph(
        ("top", ["left", "right"]), ("left", ["base"]), ("right", ["base"]), ("base", []), ("solo", []));

    [Fact]
    public void Topological_order_puts_parents_first_and_keeps_file_order_among_equals()
    {
        Diamond.TopologicalOrder.Should().Equal("base", "left", "right", "top", "solo");
        Graph(("a", []), ("b", []), ("c", [])).TopologicalOrder.Should().Equal("a", "b", "c");
        Diamond.Order(["top", "base", "right"]).Should().Equal("base", "right", "top");
    }

    [Fact]
    public void Depth_is_the_longest_path_from_a_root()
    {
        var g = Graph(("base", []), ("mid", ["base"]), ("top", ["base", "mid"]));
        g.Depth("base").Should().Be(0);
        g.Depth("mid").Should().Be(1);
        g.Depth("top").Should().Be(2, "a child sits below its deepest parent");
        Diamond.Depth("top").Should().Be(2);
        Diamond.Layers(Diamond.Images).Select(l => l.ToArray()).Should().BeEquivalentTo(
            new[] { new[] { "base", "solo" }, ["left", "right"], ["top"] }, o => o.WithStrictOrdering());
    }

    [Fact]
    public void Ancestors_descendants_roots_parents_and_children()
    {
        Diamond.Ancestors("top").Should().BeEquivalentTo(["left", "right", "base"]);
        Diamond.Ancestors("base").Should().BeEmpty();
        Diamond.Descendants("base").Should().BeEquivalentTo(["left", "right", "top"]);
        Diamond.WithDescendants(["left", "solo"]).Should().BeEquivalentTo(["left", "top", "solo"]);
        Diamond.Roots.Should().Equal("base", "solo");
        Diamond.Parents("top").Should().Equal("left", "right");
        Diamond.Children("base").Should().BeEquivalentTo(["left", "right"]);
        Diamond.Contains("solo").Should().BeTrue();
        Diamond.Contains("nope").Should().BeFalse();
    }

    [Fact]
    public void Mermaid_lists_nodes_and_edges_in_order_with_safe_ids()
    {
        var g = Graph(("a-b", []), ("a_b", ["a-b"]), ("end", ["a_b"]));
        g.ToMermaid().Should().Be(
            "graph TD\n  a_b[\"a-b\"]\n  a_b_2[\"a_b\"]\n  end_2[\"end\"]\n  a_b --> a_b_2\n  a_b_2 --> end_2\n");
        Diamond.ToMermaid(["base", "left"]).Should().Be("graph TD\n  base[\"base\"]\n  left[\"left\"]\n  base --> left\n");
    }

    [Fact]
    public void Dot_quotes_every_name()
    {
        Graph(("base", []), ("scipy-ml", ["base"])).ToDot().Should().Be(
            "digraph stack {\n  rankdir=TB;\n  node [shape=box];\n  \"base\";\n  \"scipy-ml\";\n  \"base\" -> \"scipy-ml\";\n}\n");
    }

    [Fact]
    public void A_cycle_or_unknown_parent_is_refused_with_its_name()
    {
        var cycle = () => Graph(("a", ["c"]), ("b", ["a"]), ("c", ["b"]), ("d", []));
        cycle.Should().Throw<InvalidOperationException>().WithMessage("dependency cycle: a -> c -> b -> a");
        var self = () => Graph(("a", ["a"]));
        self.Should().Throw<InvalidOperationException>().WithMessage("dependency cycle: a -> a");
        var unknown = () => Graph(("a", ["zzz"]));
        unknown.Should().Throw<InvalidOperationException>().WithMessage("image 'a' depends on unknown image 'zzz'");
    }

    [Fact]
    public void A_chain_of_five_thousand_images_does_not_overflow_the_stack()
    {
        var chain = Enumerable.Range(0, 5000).Select(i => ($"i{i}", i == 0 ? Array.Empty<string>() : [$"i{i - 1}"])).ToArray();
        var g = Graph(chain);
        g.Depth("i4999").Should().Be(4999);
        g.Ancestors("i4999").Should().HaveCount(4999);
        g.TopologicalOrder[^1].Should().Be("i4999");
    }
}
