using System.Text.Json.Nodes;
using Cascade.Pipeline;
using Cascade.Registry;
using Cascade.Stacks;
using Cascade.Tests.Support;

namespace Cascade.Tests.Cli;

/// <summary>
/// Build, Test and Push through the CLI on the real Docker daemon and a real registry. The stack is a
/// FROM-scratch busybox diamond (nothing can be pulled here) under a unique owner, so its images are
/// this test's alone; every image and container it makes is removed, pass or fail.
/// </summary>
[Trait(Needs.Trait, Needs.Docker)]
[Trait(Needs.Trait, Needs.Registry)]
public sealed class BuildCliTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    private sealed class DiamondRepo : IDisposable
    {
        public CliRepo Repo { get; } = new();
        public string Owner { get; } = $"cascade-cli-{Guid.NewGuid():N}"[..24];
        public string Commit { get; }

        public DiamondRepo()
        {
            Repo.Write("images/spec.yml", $"""
                owner: {Owner}
                images:
                  base: {"{}"}
                  left:
                    depend_on: base
                  right:
                    depend_on: base
                  top:
                    depend_on: [left, right]
                """);
            // The owner's LABEL first: no other stack's cached layers are shared with this one.
            Repo.Write("images/base/Dockerfile",
                    $"FROM scratch\nLABEL cascade.test.stack={Owner}\nCOPY busybox /bin/busybox\n" +
                    "RUN [\"/bin/busybox\",\"--install\",\"-s\",\"/bin\"]\nRUN echo base > /etc/base-marker\n")
                .Write("images/left/Dockerfile", "ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\nRUN echo left > /etc/left-marker\n")
                .Write("images/right/Dockerfile", "ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\nRUN echo right > /etc/right-marker\n")
                .Write("images/top/Dockerfile",
                    "ARG BASE_IMAGE\nARG RIGHT_IMAGE\nFROM ${RIGHT_IMAGE} AS right\nFROM ${BASE_IMAGE}\n" +
                    "COPY --from=right /etc/right-marker /etc/right-marker\n")
                .WriteExecutable("images/tests_common/shell.sh", "#!/bin/sh\ntest -x /bin/sh\n")
                .WriteExecutable("images/left/test/left.sh", "#!/bin/sh\ngrep -q left /etc/left-marker\n")
                .WriteExecutable("images/right/test/right.sh", "#!/bin/sh\ngrep -q right /etc/right-marker\n")
                .WriteExecutable("images/top/test/top.sh", "#!/bin/sh\ngrep -q right /etc/right-marker && grep -q left /etc/left-marker\n");
            File.Copy("/bin/busybox", Repo.PathOf("images/base/busybox"));
            Commit = Repo.Commit("diamond");
        }

        public void Dispose()
        {
            DockerTestCleanup.RemoveImagesWithPrefix(Owner);
            Repo.Dispose();
        }
    }

    /// <summary>results.json as name → (status, stage, reason).</summary>
    internal static Dictionary<string, (string Status, string? Stage, string? Reason)> Results(string file) =>
        JsonNode.Parse(File.ReadAllText(file))!["images"]!.AsArray().ToDictionary(
            i => i!["name"]!.GetValue<string>(),
            i => (i!["status"]!.GetValue<string>(), i["stage"]?.GetValue<string>(), i["reason"]?.GetValue<string>()));

    private static string Fingerprint(string file, string image) =>
        JsonNode.Parse(File.ReadAllText(file))!["images"]!.AsArray().Single(i => i!["name"]!.GetValue<string>() == image)!
            ["fingerprint"]!.GetValue<string>()[7..23];

    [Fact]
    public async Task Test_then_a_failing_test_then_continue_then_push_through_the_CLI()
    {
        using var d = new DiamondRepo();
        var repo = d.Repo;
        var results = repo.PathOf("out/r.json");
        const string secret = "Pw-cli-2b8e71f05c";
        var outputs = new List<CascadeRun>();
        try
        {
            // 1. The whole diamond built and tested.
            var first = await repo.RunAsync("Test", "--all", "--branch", "main", "--results-file", "out/r.json");
            outputs.Add(first);
            first.ExitCode.Should().Be(0, first.ToString());
            Results(results).Should().HaveCount(4).And.OnlyContain(r => r.Value.Status == "succeeded" && r.Value.Stage == "test", first.ToString());
            DockerTestCleanup.Docker("image", "inspect", "--format", "{{.Id}}", $"{d.Owner}/top:main").Should().ContainSingle();
            DockerTestCleanup.OwnedContainers(d.Owner).Should().BeEmpty();

            // 2. One branch's test fails: its descendant is skipped, the other branch succeeds.
            repo.WriteExecutable("images/right/test/right.sh", "#!/bin/sh\necho right is broken\nexit 3\n");
            var failed = await repo.RunAsync("Test", "--all", "--branch", "main", "--results-file", "out/r.json");
            outputs.Add(failed);
            failed.ExitCode.Should().NotBe(0, failed.ToString());
            failed.StackTraceLines.Should().BeEmpty(failed.ToString());
            var afterFailure = Results(results);
            // Unchanged content is not built again: tagged from its fingerprint tag, and tested.
            afterFailure["base"].Should().Be(("reused", "test", "reused fp-" + Fingerprint(results, "base") + " from the local daemon"), failed.ToString());
            afterFailure["left"].Status.Should().Be("reused");
            afterFailure["right"].Should().Be(("failed", "test", "test right/test/right.sh failed (exit 3)"), failed.ToString());
            afterFailure["top"].Should().Be(("skipped", (string?)null, "parent right failed"), failed.ToString());
            failed.Output.Should().Contain("right");
            // The failing test's last lines and its log, on the console and in the annotation; the folder named.
            var log = repo.PathOf("artifacts/right/tests/right/test/right.sh.log");
            failed.Output.Should().Contain("  | right is broken\n  full log: " + log, failed.ToString())
                .And.Contain("::error title=right::test right/test/right.sh failed (exit 3)%0A  | right is broken%0A  full log: " + log)
                .And.Contain("Logs are under the artifacts folder " + repo.PathOf("artifacts"));
            DockerTestCleanup.OwnedContainers(d.Owner).Should().BeEmpty();

            // 3. Fixed, and --continue: only what did not succeed runs again.
            repo.WriteExecutable("images/right/test/right.sh", "#!/bin/sh\ngrep -q right /etc/right-marker\n");
            var continued = await repo.RunAsync("Test", "--all", "--branch", "main", "--results-file", "out/r.json", "--continue");
            outputs.Add(continued);
            continued.ExitCode.Should().Be(0, continued.ToString());
            var afterContinue = Results(results);
            afterContinue["base"].Reason.Should().Be(DagScheduler.ContinuedReason);
            afterContinue["left"].Reason.Should().Be(DagScheduler.ContinuedReason);
            // right's context is back to what step 1 built: that image is reused, and tested again.
            afterContinue["right"].Status.Should().Be("reused", continued.ToString());
            afterContinue["top"].Status.Should().Be("reused", continued.ToString());
            continued.Output.Should().NotContain("[base] building").And.NotContain("[left] building")
                .And.NotContain("[right] building").And.Contain("[right] testing").And.Contain("[top] testing");

            // 4. Pushed to the registry with credentials from the environment; the password is never shown.
            var pushed = await CascadeProcess.RunAsync(repo.Root,
                ["Push", "--all", "--branch", "main", "--registry", registry.Host, "--results-file", "out/r.json"],
                new Dictionary<string, string?> { ["REGISTRY_USERNAME"] = "ci-bot", ["REGISTRY_PASSWORD"] = secret });
            outputs.Add(pushed);
            pushed.ExitCode.Should().Be(0, pushed.ToString());
            // --registry puts every repository under another host: no fp- tag exists there yet, so all are built.
            Results(results).Should().OnlyContain(r => r.Value.Status == "succeeded" && r.Value.Stage == "push", pushed.ToString());
            using var http = new HttpClient();
            var client = new RegistryClient(http, _ => null);
            foreach (var name in new[] { "base", "left", "right", "top" })
            {
                var tags = await client.ListTagsAsync($"{registry.Host}/{d.Owner}/{name}", CancellationToken.None);
                tags.Should().Contain(["main", ImageTags.ShaTag(d.Commit)], name);
            }

            foreach (var run in outputs) run.Output.Should().NotContain(secret, run.Arguments[0]);
            var written = Directory.EnumerateFiles(repo.PathOf("artifacts"), "*", SearchOption.AllDirectories)
                .Concat(Directory.EnumerateFiles(repo.PathOf(".nuke"), "*", SearchOption.AllDirectories))
                .Append(results).ToList();
            written.Should().Contain(f => f.EndsWith("junit.xml"), "the artifacts folder holds the run's files");
            foreach (var file in written) File.ReadAllText(file).Should().NotContain(secret, file);
            DockerTestCleanup.OwnedContainers(d.Owner).Should().BeEmpty();
        }
        finally
        {
            DockerTestCleanup.RemoveImagesWithPrefix(d.Owner);
        }
        DockerTestCleanup.Docker("images", "--format", "{{.Repository}}").Should().NotContain(r => r.Contains(d.Owner));
    }

    [Fact]
    public async Task An_image_target_builds_its_missing_ancestors_first_and_only_them()
    {
        using var d = new DiamondRepo();
        var results = d.Repo.PathOf("out/r.json");

        // Nothing exists yet: `left` needs `base`, which is built (and tested) first in the same run.
        var first = await d.Repo.RunAsync("left", "--branch", "main", "--results-file", "out/r.json");
        first.ExitCode.Should().Be(0, first.ToString());
        first.Output.Should().Contain("base: ancestor of left, not found: built first (fp-");
        var built = Results(results);
        built["base"].Should().Be(("succeeded", "test", null), first.ToString());
        built["left"].Should().Be(("succeeded", "test", null), first.ToString());
        built["right"].Status.Should().Be("unchanged");
        built["top"].Status.Should().Be("unchanged");

        // Now both exist by fingerprint: `base` is left alone, `left` is reused (tagged, tested again, not rebuilt).
        var second = await d.Repo.RunAsync("left", "--branch", "main", "--results-file", "out/r.json");
        second.ExitCode.Should().Be(0, second.ToString());
        Results(results)["base"].Status.Should().Be("unchanged", second.ToString());
        Results(results)["left"].Status.Should().Be("reused", second.ToString());
        Results(results)["left"].Stage.Should().Be("test", second.ToString());
        second.Output.Should().NotContain("[left] building", second.ToString());
        second.Output.Should().Contain("base").And.Contain("Skipped", "the ancestor's own target is folded into the image's run");
        DockerTestCleanup.OwnedContainers(d.Owner).Should().BeEmpty();
    }

    [Fact]
    public async Task An_unreachable_Docker_daemon_is_a_clear_error()
    {
        using var repo = DiamondPlanTests.CreateDiamond();

        var run = await CascadeProcess.RunAsync(repo.Root, ["Build", "--all"],
            new Dictionary<string, string?> { ["DOCKER_HOST"] = "unix:///tmp/nope.sock" }, TimeSpan.FromSeconds(60));

        run.ExitCode.Should().NotBe(0, run.ToString());
        run.Output.Should().Contain("unix:///tmp/nope.sock").And.Contain("Docker daemon", run.ToString());
        run.StackTraceLines.Should().BeEmpty(run.ToString());
    }
}
