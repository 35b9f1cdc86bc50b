using Cascade.Stacks;
using Cascade.Pipeline;
using Cascade.Tests.Support;

namespace Cascade.Tests.Stacks;

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
            .Executable("tests_common/00-shell.sh", "true")
            .File("tests_common/README.md", "notes, not a test")
            .Executable("tests_common/.hidden", "true")
            .Executable("base/test/base.sh", "true")
            .Executable("mid/test/mid-only.sh", "true")
            .Executable("leaf/test/leaf.sh", "true")
            .Executable("extra/leaf-check.sh", "true");
        var discovery = new TestDiscovery(stack.Spec);

        Names(discovery, "base").Should().Equal("tests_common/00-shell.sh", "base/test/base.sh");
        Names(discovery, "mid").Should().Equal("tests_common/00-shell.sh", "base/test/base.sh", "mid/test/mid-only.sh");
        Names(discovery, "leaf").Should().Equal(
            "tests_common/00-shell.sh", "base/test/base.sh", "leaf/test/leaf.sh", "extra/leaf-check.sh");
        Names(discovery, "side").Should().Equal("tests_common/00-shell.sh", "base/test/base.sh");
        discovery.For("leaf").Executables.Should().OnlyContain(t => File.Exists(t.HostPath));
    }

    [Fact]
    public void Extra_parents_do_not_pass_their_tests_down()
    {
        using var stack = new TempStack()
            .Image("base").Image("builder")
            .Image("app", "base", "builder")
            .Executable("builder/test/compiler.sh", "true")
            .Executable("base/test/base.sh", "true");
        Names(new TestDiscovery(stack.Spec), "app").Should().Equal("base/test/base.sh");
    }

    [Fact]
    public void Pytest_modules_go_to_pytest_executables_to_the_container_and_everything_else_is_support()
    {
        // DataHub's layout: conftest.py above the test folders, __init__.py and data files beside the modules.
        using var stack = new TempStack()
            .Image("base").Image("leaf", "base")
            .File("conftest.py", "import pytest\n")
            .File("tests_common/test_units.py", "def test_units(): pass\n")
            .File("tests_common/helpers.py", "HELPER = 1\n")
            .File("base/test/__init__.py", "")
            .File("base/test/conftest.py", "")
            .File("base/test/python_test.py", "def test_python(): pass\n")
            .File("base/test/data/test-notebook.ipynb", "{}")
            .File("base/test/test_r_func.R", "print(1)\n")
            .File("base/test/not-executable.sh", "#!/bin/sh\ntrue\n")
            .Executable("base/test/shell.sh", "true")
            .File("leaf/test/test_leaf.py", "def test_leaf(): pass\n");
        var tests = new TestDiscovery(stack.Spec).For("leaf");

        tests.PytestModules.Select(t => t.RelativePath).Should().Equal(
            "tests_common/test_units.py", "base/test/python_test.py", "leaf/test/test_leaf.py");
        tests.Executables.Select(t => t.RelativePath).Should().Equal("base/test/shell.sh");
        tests.NotExecutable.Select(t => t.RelativePath).Should().Equal("base/test/not-executable.sh");
        new TestDiscovery(stack.Spec).For("leaf").IsEmpty.Should().BeFalse();
    }

    [Theory]
    [InlineData("test_python.py", true)]
    [InlineData("python_test.py", true)]
    [InlineData("conftest.py", false)]
    [InlineData("__init__.py", false)]
    [InlineData("helpers.py", false)]
    [InlineData("test_notebook.ipynb", false)]
    [InlineData("test_r_func.R", false)]
    [InlineData("testing.py", false)]
    public void Pytest_modules_are_named_as_pytest_collects_them_by_default(string name, bool module) =>
        TestFileKinds.IsPytestModule(name).Should().Be(module);

    private static IEnumerable<string> Names(TestDiscovery d, string image) => d.For(image).Executables.Select(t => t.RelativePath);
}
