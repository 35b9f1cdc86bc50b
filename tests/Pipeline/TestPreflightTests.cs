using Cascade.Pipeline;
using Cascade.Tests.Support;

namespace Cascade.Tests.Pipeline;

/// <summary>The check before the first build, against the host's real pytest and shell.</summary>
public sealed class TestPreflightTests : IDisposable
{
    private readonly TempStack stack = new();

    public void Dispose() => stack.Dispose();

    private Task<PreflightReport> CheckAsync(string pytest = PytestCommand.Default) =>
        new TestPreflight(new HostCommandRunner()).CheckAsync(stack.Spec, stack.Spec.Images.Select(i => i.Name).ToList(),
            new RunOptions { Branch = "main", ArtifactsDirectory = stack.Artifacts, Pytest = pytest, RepositoryRoot = stack.Root }, default);

    [Fact]
    public async Task A_stack_the_host_can_test_passes_and_support_files_that_look_like_tests_are_named()
    {
        stack.Image("base", [], i => i with { IntegrationTests = ["pytest images/base/integration_tests", "X=1 true"] })
            .File("conftest.py", "import docker\nimport requests\nimport pytest\n")
            .File("tests_common/test_common.py", "def test_common():\n    pass\n")
            .File("base/test/forgot-chmod.sh", "#!/bin/sh\ntrue\n");

        var report = await CheckAsync();

        report.Errors.Should().BeEmpty();
        report.Warnings.Should().ContainSingle().Which.Should().Contain("base/test/forgot-chmod.sh").And.Contain("chmod +x");
    }

    [Fact]
    public async Task Without_pytest_one_error_names_the_packages_to_install()
    {
        stack.Image("base").Image("leaf", "base").File("tests_common/test_common.py", "def test_common():\n    pass\n");

        var report = await CheckAsync("/nonexistent/bin/pytest");

        report.Errors.Should().ContainSingle().Which.Should().Contain("pytest not found").And.Contain("/nonexistent/bin/pytest")
            .And.Contain("python3-pytest python3-docker python3-requests").And.Contain("base, leaf");

        // A Python that has no pytest module: the interpreter starts, pytest does not.
        var isolated = await CheckAsync("/usr/bin/python3 -S -m pytest");
        isolated.Errors.Should().ContainSingle().Which.Should().StartWith("pytest does not start: `/usr/bin/python3 -S -m pytest --version` exit 1")
            .And.Contain("No module named pytest");
    }

    [Fact]
    public async Task A_module_the_conftest_imports_and_the_host_lacks_is_named_with_its_package()
    {
        stack.Image("base")
            .File("conftest.py", "import pytest\nimport cascade_absent_module\n")
            .File("base/test/test_base.py", "def test_base():\n    pass\n");

        var report = await CheckAsync();

        report.Errors.Should().ContainSingle().Which.Should().StartWith("base: pytest cannot load the tests: No module named 'cascade_absent_module'")
            .And.Contain("python3-cascade-absent-module").And.Contain("conftest.py");
    }

    [Fact]
    public async Task An_integration_command_missing_on_the_host_is_named_before_the_run()
    {
        stack.Image("base", [], i => i with { IntegrationTests = ["cascade-no-such-tool --check"] });

        var report = await CheckAsync();

        report.Errors.Should().ContainSingle().Which.Should()
            .Be("base: integration_tests runs `cascade-no-such-tool --check`, but `cascade-no-such-tool` is not a command on this host (not on PATH, not a shell builtin)");
    }
}
