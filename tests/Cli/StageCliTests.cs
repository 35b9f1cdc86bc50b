using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Cascade.Tests.Support;

namespace Cascade.Tests.Cli;

/// <summary>
/// Build, Test and Push each stand for their own stage, on the real daemon and real registries: a skipped
/// build is not a green test, the table says which stage failed, a stage that left an image undone is not
/// green, and a refused login stops a Push run before anything is built.
/// </summary>
public sealed class StageCliTests
{
    private sealed class TwoImageRepo : IDisposable
    {
        public CliRepo Repo { get; } = new();
        public string Owner { get; } = $"cascade-stage-{Guid.NewGuid():N}"[..26];

        public TwoImageRepo()
        {
            Repo.Write("images/spec.yml", $"owner: {Owner}\nimages:\n  base: {{}}\n  child:\n    depend_on: base\n")
                .Write("images/base/Dockerfile",
                    $"FROM scratch\nLABEL cascade.test.stack={Owner}\nCOPY busybox /bin/busybox\n" +
                    "RUN [\"/bin/busybox\",\"--install\",\"-s\",\"/bin\"]\n")
                .Write("images/child/Dockerfile", "ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\nRUN echo child > /etc/child-marker\n")
                .WriteExecutable("images/child/test/child.sh", "#!/bin/sh\ngrep -q child /etc/child-marker\n");
            File.Copy("/bin/busybox", Repo.PathOf("images/base/busybox"));
            Repo.Commit("two images");
        }

        public Dictionary<string, (string Status, string? Stage, string? Reason)> Results() =>
            JsonNode.Parse(File.ReadAllText(Repo.PathOf("artifacts/images/results.json")))!["images"]!.AsArray().ToDictionary(
                i => i!["name"]!.GetValue<string>(),
                i => (i!["status"]!.GetValue<string>(), i["stage"]?.GetValue<string>(), i["reason"]?.GetValue<string>()));

        public IReadOnlyList<string> Images() =>
            DockerTestCleanup.Docker("images", "--format", "{{.Repository}}").Where(r => r.Contains(Owner)).ToList();

        public void Dispose()
        {
            DockerTestCleanup.RemoveImagesWithPrefix(Owner);
            Repo.Dispose();
        }
    }

    private static void Row(CascadeRun run, string target, string status) =>
        run.Output.Should().MatchRegex($@"(?m)^{target}\s+{status}\b", run.ToString());

    [Fact]
    public async Task Test_with_Build_skipped_tests_what_is_built_and_fails_plainly_when_nothing_is()
    {
        using var d = new TwoImageRepo();

        // Nothing built yet: no false green.
        var nothing = await d.Repo.RunAsync("Test", "--skip", "--all", "--branch", "main");
        nothing.ExitCode.Should().Be(1, nothing.ToString());
        nothing.Output.Should().NotContain("0 of 0");
        Row(nothing, "Build", "Skipped");
        Row(nothing, "Test", "Failed");
        d.Results()["base"].Status.Should().Be("failed");
        d.Results()["base"].Reason.Should().StartWith("not built: Build was skipped (--skip) and neither the Docker daemon nor the registry has ");
        d.Images().Should().BeEmpty("Test --skip builds nothing");

        var built = await d.Repo.RunAsync("Build", "--all", "--branch", "main");
        built.ExitCode.Should().Be(0, built.ToString());

        // Built before: Test alone tests it, and builds nothing.
        var tested = await d.Repo.RunAsync("Test", "--skip", "--all", "--branch", "main");
        tested.ExitCode.Should().Be(0, tested.ToString());
        tested.Output.Should().Contain("[child] testing").And.NotContain("[child] building");
        tested.Output.Should().Contain("Test: 2 image(s) passed their tests");
        Row(tested, "Build", "Skipped");
        Row(tested, "Test", "Succeeded");
        d.Results()["child"].Status.Should().Be("reused", "it was found, not built");
        d.Results()["child"].Stage.Should().Be("test");
    }

    [Fact]
    public async Task A_failing_test_fails_the_Test_target_not_Build()
    {
        using var d = new TwoImageRepo();
        d.Repo.WriteExecutable("images/child/test/child.sh", "#!/bin/sh\nexit 4\n");

        var run = await d.Repo.RunAsync("Test", "--all", "--branch", "main");

        run.ExitCode.Should().Be(1, run.ToString());
        Row(run, "Build", "Succeeded");
        Row(run, "Test", "Failed");
        run.Output.Should().Contain("Build: 2 image(s) built").And.Contain("Test: 1 image(s) passed their tests, 1 failed")
            .And.Contain("Target Test failed: 1 image(s) failed to test (child). Logs are under the artifacts folder " + d.Repo.PathOf("artifacts/images"));
    }

    [Fact]
    public async Task A_refused_push_fails_Push_and_every_stage_that_left_the_image_below_undone()
    {
        using var registry = new ReadOnlyRegistryFixture();
        using var d = new TwoImageRepo();

        var run = await d.Repo.RunAsync("Push", "--all", "--branch", "main", "--registry", registry.Host);

        run.ExitCode.Should().Be(1, run.ToString());
        d.Results()["base"].Stage.Should().Be("push");
        Row(run, "Push", "Failed");
        // base was built and tested, but child never was: its parent's push failed first. No stage is all green.
        Row(run, "Build", "Failed");
        Row(run, "Test", "Failed");
        run.Output.Should().Contain("Build: 1 image(s) built, 1 not built").And.Contain("  child: not built: parent base failed")
            .And.Contain("Target Test failed: 1 image(s) not tested (child): an earlier failure stopped them.");
    }

    [Fact]
    public async Task A_wrong_registry_password_stops_a_Push_run_before_anything_is_built()
    {
        using var registry = new AuthenticatedRegistryFixture();
        using var d = new TwoImageRepo();
        var wrong = $"wrong-{Guid.NewGuid():N}";

        var run = await CascadeProcess.RunAsync(d.Repo.Root, ["Push", "--all", "--branch", "main", "--registry", registry.Host],
            new Dictionary<string, string?> { ["REGISTRY_USERNAME"] = registry.Username, ["REGISTRY_PASSWORD"] = wrong });

        run.ExitCode.Should().Be(1, run.ToString());
        run.Output.Should().Contain($"the login to {registry.Host} was refused for user '{registry.Username}'")
            .And.Contain("Nothing was built").And.NotContain(wrong).And.NotContain("[base] building");
        run.StackTraceLines.Should().BeEmpty(run.ToString());
        Row(run, "Build", "Failed");
        d.Images().Should().BeEmpty();
        Directory.Exists(d.Repo.PathOf("artifacts/images/base")).Should().BeFalse("no build started");
    }
}
