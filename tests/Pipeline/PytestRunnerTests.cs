using Cascade.Stacks;
using Cascade.Registry;
using Cascade.Pipeline;
using Cascade.Tests.Support;

namespace Cascade.Tests.Pipeline;

/// <summary>The host's real pytest (Debian's python3-pytest) on small suites in a temp folder; no image needed.</summary>
public sealed class PytestRunnerTests : IDisposable
{
    private readonly TempStack stack = new();

    public void Dispose() => stack.Dispose();

    private Task<IReadOnlyList<TestCaseResult>> RunAsync(string pytest, TimeSpan timeout, params string[] modules) =>
        new PytestRunner(new HostCommandRunner()).RunAsync(PytestCommand.Parse(pytest),
            modules.Select(m => new TestFile(Path.Combine(stack.StackDir, m), m)).ToList(), stack.Root,
            new Dictionary<string, string?> { [ImageTester.TestImageVariable] = "example/image:sha-1234567" }, timeout,
            Path.Combine(stack.Artifacts, "pytest-junit.xml"), Path.Combine(stack.Artifacts, "pytest.log"), SecretRedactor.None, default);

    [Fact]
    public async Task Each_case_comes_from_pytests_own_junit_with_outcome_failure_text_and_output()
    {
        stack.File("conftest.py", "import os, pytest\n\n@pytest.fixture\ndef image_name():\n    return os.getenv('TEST_IMAGE')\n")
            .File("tests_common/test_common.py", """
                import pytest

                def test_sees_the_image(image_name):
                    print("testing", image_name)
                    assert image_name == "example/image:sha-1234567"

                @pytest.mark.parametrize("n", [1, 2])
                def test_param(n):
                    assert n > 0

                @pytest.mark.skip(reason="not on this host")
                def test_skipped():
                    pass

                class TestGroup:
                    def test_in_class(self):
                        assert "x" == "y", "x is not y"
                """);

        var cases = await RunAsync("pytest", TimeSpan.FromMinutes(1), "tests_common/test_common.py");

        const string file = "images/tests_common/test_common.py";
        cases.Select(c => (c.Name, c.Outcome)).Should().Equal(
            ($"{file}::test_sees_the_image", TestOutcome.Passed),
            ($"{file}::test_param[1]", TestOutcome.Passed),
            ($"{file}::test_param[2]", TestOutcome.Passed),
            ($"{file}::test_skipped", TestOutcome.Skipped),
            ($"{file}::TestGroup::test_in_class", TestOutcome.Failed));
        cases[0].Output.Should().Contain("testing example/image:sha-1234567").And.NotContain("Captured Err");
        var failed = cases[^1];
        failed.Failure.Should().Be($"test {file}::TestGroup::test_in_class failed: AssertionError: x is not y");
        failed.LastLines().Should().Contain(l => l.Contains("AssertionError"));
        failed.LogPath.Should().Be(Path.Combine(stack.Artifacts, "pytest.log"));
        File.ReadAllText(failed.LogPath).Should().StartWith("$ pytest ").And.Contain("1 failed, 3 passed, 1 skipped");
        Directory.EnumerateFileSystemEntries(stack.Root, "*", SearchOption.AllDirectories)
            .Should().NotContain(p => p.Contains("__pycache__") || p.Contains(".pytest_cache"), "pytest writes nothing into the checkout");
    }

    [Fact]
    public async Task A_pytest_that_cannot_start_or_runs_past_the_limit_is_a_failed_case_saying_so()
    {
        stack.File("a/test/test_slow.py", "import time\n\ndef test_slow():\n    time.sleep(60)\n");

        var missing = await RunAsync("/nonexistent/pytest", TimeSpan.FromMinutes(1), "a/test/test_slow.py");
        missing.Should().ContainSingle().Which.Failure.Should().Contain("pytest not found").And.Contain("python3-pytest");

        var slow = await RunAsync("pytest", TimeSpan.FromSeconds(3), "a/test/test_slow.py");
        slow.Should().ContainSingle().Which.Should().Match<TestCaseResult>(c => c.Name == "pytest" && c.Failed
            && c.Failure == "pytest timed out after 3s");
    }

    [Theory]
    [InlineData("pytest images/a/integration_tests", "pytest")]
    [InlineData("FOO=1 BAR=2 ./run.sh --fast", "./run.sh")]
    [InlineData("(cd x && make)", null)]
    [InlineData("", null)]
    public void The_command_word_of_an_integration_command_is_past_its_assignments(string command, string? word) =>
        TestPreflight.FirstWord(command).Should().Be(word);
}
