using Cascade.Pipeline;

namespace Cascade.Tests.Pipeline;

public class TestDiscoveryTests
{
    [Fact]
    public void Common_own_inherited_and_extra_tests_are_found_and_inherit_false_is_respected()
    {
        using var stack = new TempStack()
            .Image("base")
            .Image("mid", ["base"], i => i with { InheritTests = false })
            .Image("leaf", ["mid"], i => i with { Tests = ["extra/leaf-check.sh"] })
            .Image("side", "base")
            .File("tests_common/00-shell.sh", "true")
            .File("tests_common/README.md", "notes, not a test")
            .File("tests_common/.hidden", "not a test")
            .File("base/test/base.sh", "true")
            .File("mid/test/mid-only.sh", "true")
            .File("leaf/test/leaf.sh", "true")
            .File("extra/leaf-check.sh", "true");
        var discovery = new TestDiscovery(stack.Spec);

        Names(discovery, "base").Should().Equal("tests_common/00-shell.sh", "base/test/base.sh");
        Names(discovery, "mid").Should().Equal("tests_common/00-shell.sh", "base/test/base.sh", "mid/test/mid-only.sh");
        Names(discovery, "leaf").Should().Equal(
            "tests_common/00-shell.sh", "base/test/base.sh", "leaf/test/leaf.sh", "extra/leaf-check.sh");
        Names(discovery, "side").Should().Equal("tests_common/00-shell.sh", "base/test/base.sh");
        discovery.For("leaf").Should().OnlyContain(t => File.Exists(t.HostPath));
    }

    [Fact]
    public void Extra_parents_do_not_pass_their_tests_down()
    {
        using var stack = new TempStack()
            .Image("base").Image("builder")
            .Image("app", "base", "builder")
            .File("builder/test/compiler.sh", "true")
            .File("base/test/base.sh", "true");
        Names(new TestDiscovery(stack.Spec), "app").Should().Equal("base/test/base.sh");
    }

    private static IEnumerable<string> Names(TestDiscovery d, string image) => d.For(image).Select(t => t.RelativePath);
}
