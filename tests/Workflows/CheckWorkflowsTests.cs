using Cascade.Tests.Cli;
using Cascade.Tests.Support;

namespace Cascade.Tests.Workflows;

/// <summary>CheckWorkflows as a user meets it: on a repository whose spec changed, and on this repository.</summary>
public class CheckWorkflowsTests
{
    private const string Spec = """
        owner: demo
        images:
          base:
          app:
            depend_on: base

        """;

    [Fact]
    public async Task A_spec_change_without_regenerating_fails_with_the_command_that_fixes_it()
    {
        using var repo = new CliRepo();
        repo.Write("images/spec.yml", Spec)
            .Write("images/base/Dockerfile", "FROM scratch\n")
            .Write("images/app/Dockerfile", "ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\n");
        (await repo.RunAsync("GenerateWorkflows")).ExitCode.Should().Be(0);
        (await repo.RunAsync("CheckWorkflows")).ExitCode.Should().Be(0);

        repo.Write("images/spec.yml", Spec + "  tool:\n    depend_on: app\n").Write("images/tool/Dockerfile", "ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\n");
        var stale = await repo.RunAsync("CheckWorkflows");

        stale.ExitCode.Should().Be(1, stale.ToString());
        stale.Output.Should().Contain(".github/workflows/build-test-push.yml").And.Contain("Run ./build.sh GenerateWorkflows");
        stale.StackTraceLines.Should().BeEmpty();

        (await repo.RunAsync("GenerateWorkflows")).ExitCode.Should().Be(0);
        var current = await repo.RunAsync("CheckWorkflows");
        current.ExitCode.Should().Be(0, current.ToString());
        File.ReadAllText(repo.PathOf(".github/workflows/build-test-push.yml")).Should().Contain("image-tool:");
    }

    [Fact]
    public async Task A_ci_setting_changes_the_workflows()
    {
        using var repo = new CliRepo();
        repo.Write("images/spec.yml", Spec + "ci:\n  runner: [self-hosted, linux, x64]\n  registry: registry.example.org\n")
            .Write("images/base/Dockerfile", "FROM scratch\n")
            .Write("images/app/Dockerfile", "ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\n");
        (await repo.RunAsync("GenerateWorkflows")).ExitCode.Should().Be(0);
        var image = File.ReadAllText(repo.PathOf(".github/workflows/cascade-image.yml"));
        image.Should().Contain("runs-on: [self-hosted, linux, x64]").And.Contain("CASCADE_REGISTRY: registry.example.org")
            .And.Contain("${{ secrets.REGISTRY_PASSWORD }}");
    }

    [Fact]
    public async Task This_repositorys_own_workflows_are_generated_current_and_lint_clean()
    {
        var run = await CascadeProcess.RunAsync(RepositoryRoot.Path, ["CheckWorkflows"]);
        run.ExitCode.Should().Be(0, run.ToString());
        var files = Directory.GetFiles(RepositoryRoot.Combine(".github", "workflows"), "*.yml");
        files.Select(Path.GetFileName).Should().BeEquivalentTo(["build-test-push.yml", "cascade-image.yml", "promote.yml", "ci.yml", "release.yml"],
            "every workflow of this repository is generated, the test suite's ci.yml and the packages' release.yml included");
        var (exit, output) = await WorkflowTools.LintAsync(files);
        exit.Should().Be(0, output);
    }
}
