using Cascade.Changes;
using Cascade.Changes.Fingerprints;
using Cascade.Reports;
using Cascade.Stacks;
using Cascade.Tests.Support;

namespace Cascade.Tests.Changes;

/// <summary>Test fingerprints on a real git repository (the demo diamond: base → left, right → leaf, leaf FROM left,
/// each with test/check.sh, and tests_common/common.sh): what changes them, what must not, and the plan's reasons.</summary>
public sealed class TestFingerprintTests : IDisposable
{
    private readonly GitSandbox repo = DemoStack.CreateRepo();

    public void Dispose() => repo.Dispose();

    private IReadOnlyDictionary<string, TestFingerprint> Compute(StackSpec? spec = null) =>
        TestFingerprinter.Compute(spec ?? DemoStack.Spec(repo), repo.Root);

    private Dictionary<string, string> Values(StackSpec? spec = null) => Compute(spec).ToDictionary(p => p.Key, p => p.Value.Value);

    private string[] Changed(Dictionary<string, string> before, StackSpec? spec = null)
    {
        var after = Values(spec);
        return after.Keys.Where(k => after[k] != before[k]).Order(StringComparer.Ordinal).ToArray();
    }

    [Fact]
    public void A_test_file_changes_the_test_fingerprint_of_the_images_it_applies_to_and_no_image_fingerprint()
    {
        var images = Fingerprinter.Compute(DemoStack.Spec(repo), new StackGraph(DemoStack.Spec(repo)), new Dictionary<string, string?>());
        var before = Values();
        before["leaf"].Should().MatchRegex("^sha256:[0-9a-f]{64}$");

        repo.Write("images/tests_common/common.sh", "false\n").Commit();
        Changed(before).Should().Equal("base", "leaf", "left", "right");
        Fingerprinter.Compute(DemoStack.Spec(repo), new StackGraph(DemoStack.Spec(repo)), new Dictionary<string, string?>())
            .Should().BeEquivalentTo(images, "tests_common is no image's content");

        before = Values();
        repo.Write("images/left/test/check.sh", "test -f /etc/left\n").Commit();
        Changed(before).Should().Equal(["leaf", "left"], "leaf is FROM left and inherits its test/; right is not");

        before = Values();
        repo.Write("images/right/test/check.sh", "test -f /etc/right\n").Commit();
        Changed(before).Should().Equal(["right"], "an extra parent (COPY --from) passes no tests down");
    }

    [Fact]
    public void Uncommitted_content_equal_to_the_commit_s_gives_the_commit_s_value_and_ignored_or_hidden_files_do_not_count()
    {
        var committed = Values();
        repo.Git("rm", "-q", "--cached", "images/tests_common/common.sh"); // on disk still, now hashed from disk
        Values().Should().Equal(committed);

        repo.Git("reset", "-q");
        repo.Write(".gitignore", "__pycache__/\n").Commit();
        repo.Write("images/tests_common/__pycache__/common.cpython-311.pyc", "bytecode")
            .Write("images/tests_common/.pytest_cache/v/cache", "{}");
        Values().Should().Equal(committed, "what git ignores and hidden files are not what the tests check");
    }

    [Fact]
    public void The_mode_counts_a_file_with_the_exec_bit_is_a_test_without_it_support()
    {
        if (OperatingSystem.IsWindows()) return;
        var before = Values();
        File.SetUnixFileMode(repo.PathOf("images/base/test/check.sh"), (UnixFileMode)0b111_101_101);

        Changed(before).Should().Equal("base", "leaf", "left", "right");
    }

    [Fact]
    public void Integration_commands_the_paths_they_name_and_the_pytest_configuration_count()
    {
        var spec = DemoStack.Spec(repo);
        spec = spec with
        {
            Images = spec.Images.Select(i => i.Name == "right" ? i with { IntegrationTests = ["pytest -q images/right/integration_tests"] } : i).ToList(),
        };
        repo.Write("images/right/integration_tests/test_run.py", "def test_run(): pass\n").Commit();
        var before = Values(spec);
        before["right"].Should().NotBe(Values()["right"], "the command is part of it");

        repo.Write("images/right/integration_tests/test_run.py", "def test_run(): assert False\n");
        Changed(before, spec).Should().Equal(["right"], "a file the command names is what it checks");

        before = Values(spec);
        repo.Write("conftest.py", "import pytest\n");
        Changed(before, spec).Should().Equal("base", "leaf", "left", "right");

        before = Values(spec);
        repo.Write("pyproject.toml", "[project]\nname = 'x'\n");
        Changed(before, spec).Should().BeEmpty("pytest reads pyproject.toml only for its own section");
        repo.Write("pyproject.toml", "[project]\nname = 'x'\n[tool.pytest.ini_options]\naddopts = '-x'\n");
        Changed(before, spec).Should().Equal("base", "leaf", "left", "right");
    }

    [Fact]
    public void An_image_without_tests_has_an_empty_test_fingerprint()
    {
        repo.Git("rm", "-q", "-r", "images/tests_common", "images/base/test", "images/left/test");
        repo.Commit();

        var tests = Compute();
        tests["left"].IsEmpty.Should().BeTrue();
        tests["right"].IsEmpty.Should().BeFalse("right/test/check.sh is still there");
        tests["left"].RecordTag("sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")
            .Should().Be($"tested-0123456789abcdef-{tests["left"].Short}");
    }

    [Fact]
    public void A_changed_common_test_plans_every_image_to_be_tested_naming_the_file_and_rebuilds_nothing()
    {
        repo.Write("images/tests_common/common.sh", "false\n").Write("images/tests_common/.hidden/notes", "x").Commit();

        var plan = DemoStack.Plan(repo, "HEAD~1", options: new PlanOptions { TestFingerprints = Compute() });

        plan.ShouldBuild("base", "left", "right", "leaf");
        plan.Images.Should().OnlyContain(i => i.Reasons.SequenceEqual(new[] { "tests changed: images/tests_common/common.sh" }),
            "each image is tested again for its own tests, not pulled in by a rebuilt parent");
        DemoStack.Plan(repo, "HEAD~1").NothingToDo.Should().BeTrue("a plan without test fingerprints knows no test files");
    }

    [Fact]
    public void A_changed_test_folder_names_its_images_and_a_conftest_above_them_counts_but_not_a_hidden_file()
    {
        repo.Write("images/conftest.py", "import os\n").Write("images/left/test/.cache/x", "1").Commit();

        var plan = DemoStack.Plan(repo, "HEAD~1", options: new PlanOptions { TestFingerprints = Compute() });

        plan["right"].Reasons.Should().Equal("tests changed: images/conftest.py");
        // left's own context changed too (.cache is in it): that reason says it, and rebuilds it and its child.
        plan["left"].Reasons.Should().Equal("tests changed: images/conftest.py", "changed images/left/test/.cache/x");
    }

    [Fact]
    public void Plan_shows_the_test_fingerprint_in_the_tree_and_the_json()
    {
        var tests = Compute();
        var plan = DemoStack.Plan(repo, null, options: new PlanOptions { All = true, TestFingerprints = tests });
        var text = new StringWriter();
        new PlanTree(text, TextWriter.Null, useColour: false).Print(plan);

        text.ToString().Should().Contain($"base  tests {tests["base"].Short}");
        var json = plan.ToJson();
        json.Should().Contain($"\"test_fingerprint\": \"{tests["leaf"].Value}\"");
        BuildPlan.FromJson(json)["leaf"].TestFingerprint!.Value.Should().Be(tests["leaf"].Value);
    }
}
