using System.Xml.Linq;
using Cascade.Tests.Support;

namespace Cascade.Tests.Cli;

/// <summary>
/// DataHub's own tests run unchanged: a stack laid out as datahub-docker-stack's (its images/conftest.py and
/// pytest.ini copied from it, pytest modules in its style, a test/__init__.py and a test/data notebook), run
/// through `Test` with the host's pytest. FROM scratch + busybox under a unique owner; every image and
/// container it makes is removed.
/// </summary>
public sealed class DatahubPytestTests
{
    private const string Placeholder = "OWNER_PLACEHOLDER";
    private const string Ds = "datascience-notebook", R = "rstudio-notebook", Sci = "scipy-ml-notebook", Course = "course-notebook";

    private sealed class DatahubRepo : IDisposable
    {
        public CliRepo Repo { get; } = new();
        public string Owner { get; } = $"cascade-dh-{Guid.NewGuid():N}"[..22];

        public DatahubRepo()
        {
            var fixture = Path.Combine(AppContext.BaseDirectory, "fixtures", "datahub-pytest");
            foreach (var file in Directory.EnumerateFiles(fixture, "*", SearchOption.AllDirectories))
                Repo.Write(Path.GetRelativePath(fixture, file), File.ReadAllText(file).Replace(Placeholder, Owner));
            // An in-container test beside the pytest modules: its case is merged into the same junit.xml.
            Repo.WriteExecutable("images/tests_common/busybox.sh", "#!/bin/sh\ntest -x /bin/busybox\n");
            Repo.Write(".gitignore", "artifacts/\n");
            File.Copy("/bin/busybox", Repo.PathOf($"images/{Ds}/busybox"));
            Repo.Commit("datahub layout");
        }

        /// <summary>Every container, any state, made from one of this stack's images.</summary>
        public IReadOnlyList<string> Containers() =>
            DockerTestCleanup.Docker("ps", "-a", "--format", "{{.ID}} {{.Image}}").Where(l => l.Contains(Owner, StringComparison.Ordinal)).ToList();

        public XDocument JUnit(string image) => XDocument.Load(Repo.PathOf($"artifacts/{image}/junit.xml"));

        public void Dispose()
        {
            foreach (var line in Containers()) DockerTestCleanup.Docker("rm", "-f", line.Split(' ')[0]);
            DockerTestCleanup.RemoveImagesWithPrefix(Owner);
            Repo.Dispose();
        }
    }

    private static Dictionary<string, (string Status, string? Stage, string? Reason)> Results(string file) => BuildCliTests.Results(file);

    private static IEnumerable<(string Name, bool Failed)> Cases(XDocument junit) =>
        junit.Descendants("testcase").Select(c => (c.Attribute("name")!.Value, c.Element("failure") is not null));

    [Fact]
    public async Task Datahub_pytest_suites_pass_then_one_failing_assert_fails_only_that_image_and_skips_its_descendants()
    {
        using var d = new DatahubRepo();
        var repo = d.Repo;
        var results = repo.PathOf("artifacts/results.json");

        var passed = await repo.RunAsync("Test", "--all", "--branch", "main");
        passed.ExitCode.Should().Be(0, passed.ToString());
        Results(results).Values.Should().OnlyContain(r => r.Status == "succeeded" && r.Stage == "test", passed.ToString());

        // Each pytest case one by one, with the in-container test, in the image's junit.xml; inherited modules too.
        Cases(d.JUnit(Sci)).Should().BeEquivalentTo(new[]
        {
            ("tests_common/busybox.sh", false),
            ("images/tests_common/test_shell.py::test_shell", false),
            ("images/tests_common/test_shell.py::test_image_name_is_set", false),
            ($"images/{Ds}/test/test_datascience.py::test_marker", false),
            ($"images/{Ds}/test/test_datascience.py::test_notebook_is_readable[notebook]", false),
            ($"images/{Sci}/test/test_scipy.py::test_scipy_marker", false),
        }, passed.ToString());
        Cases(d.JUnit(R)).Select(c => c.Name).Should().Contain($"images/{R}/test/test_rstudio.py::test_rstudio_marker")
            .And.NotContain(n => n.Contains("test_scipy"));
        // __init__.py, the notebook and conftest.py are support: never run as tests.
        Cases(d.JUnit(Ds)).Select(c => c.Name).Should().NotContain(n => n.Contains("__init__") || n.Contains(".ipynb") || n.Contains("conftest"));
        d.Containers().Should().BeEmpty("every container the tests started is gone");

        // One image's pytest test asserts False: that image fails at its test stage, only its descendant is skipped.
        File.AppendAllText(repo.PathOf($"images/{Sci}/test/test_scipy.py"),
            "\n\ndef test_fails(image_name):\n    assert False, f\"{image_name} is broken\"\n");
        var failed = await repo.RunAsync("Test", "--all", "--branch", "main");
        failed.ExitCode.Should().Be(1, failed.ToString());
        failed.StackTraceLines.Should().BeEmpty(failed.ToString());
        var after = Results(results);
        after[Sci].Status.Should().Be("failed", failed.ToString());
        after[Sci].Stage.Should().Be("test");
        after[Sci].Reason.Should().Contain($"images/{Sci}/test/test_scipy.py::test_fails");
        after[Course].Should().Be(("skipped", null, $"parent {Sci} failed"));
        // Unchanged content is reused (by fingerprint) and tested again; it passes.
        after[Ds].Status.Should().BeOneOf("succeeded", "reused");
        after[R].Status.Should().BeOneOf("succeeded", "reused");
        Cases(d.JUnit(R)).Should().NotBeEmpty().And.OnlyContain(c => !c.Failed);
        failed.Output.Should().Contain("test_scipy.py::test_fails").And.Contain("is broken")
            .And.Contain("full log: " + repo.PathOf($"artifacts/{Sci}/tests/pytest.log"));
        Cases(d.JUnit(Sci)).Should().Contain(($"images/{Sci}/test/test_scipy.py::test_fails", true))
            .And.Contain(($"images/{Sci}/test/test_scipy.py::test_scipy_marker", false));
        d.Containers().Should().BeEmpty();

        // pytest wrote nothing into the checkout: no .pytest_cache, no __pycache__.
        repo.Git.Git("status", "--porcelain", "--ignored").Should().NotContain("pytest_cache").And.NotContain("__pycache__");
    }

    [Fact]
    public async Task Without_pytest_on_the_host_the_run_fails_before_the_first_build_naming_what_to_install()
    {
        using var d = new DatahubRepo();

        var run = await d.Repo.RunAsync("Test", "--all", "--branch", "main", "--pytest", "/nonexistent/bin/pytest");

        run.ExitCode.Should().Be(1, run.ToString());
        run.StackTraceLines.Should().BeEmpty(run.ToString());
        run.Output.Should().Contain("pytest not found").And.Contain("/nonexistent/bin/pytest")
            .And.Contain("python3-pytest python3-docker python3-requests").And.Contain("nothing was built");
        run.Output.Should().NotContain("building");
        DockerTestCleanup.Docker("images", "--format", "{{.Repository}}").Should().NotContain(r => r.Contains(d.Owner));
    }
}
