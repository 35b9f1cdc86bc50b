using System.Text.Json.Nodes;
using Cascade.Registry;
using Cascade.Tests.Support;

namespace Cascade.Tests.Cli;

/// <summary>
/// Tests are part of the verdict, as a user walks it on the real daemon and a real registry: a commit that makes a
/// common test fail makes `Test` fail; a changed test of an image that is reused (its test/ folder is not part of
/// its content) runs before its branch tag is written, and only a pass is recorded and trusted; an image target
/// tests its image whatever is recorded; an added integration command runs on a reused image. Every image this
/// test makes is removed, pass or fail.
/// </summary>
[Trait(Needs.Trait, Needs.Docker)]
[Trait(Needs.Trait, Needs.Registry)]
public sealed class TestFingerprintCliTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    private sealed class Stack : IDisposable
    {
        public CliRepo Repo { get; } = new();
        public string Owner { get; } = $"cascade-tfp-{Guid.NewGuid():N}"[..24];

        /// <param name="right">right's spec entry beyond its parent, e.g. an integration test.</param>
        public Stack(string? registryHost, string right = "")
        {
            Repo.Write("images/spec.yml", $"""
                {(registryHost is null ? "" : $"registry: {registryHost}")}
                owner: {Owner}
                tag:
                  prefix: "2026.1"
                images:
                  base: {"{}"}
                  right:
                    depend_on: base
                {right}
                """);
            Repo.Write("images/base/Dockerfile",
                    $"FROM scratch\nLABEL cascade.test.stack={Owner}\nCOPY busybox /bin/busybox\n" +
                    "RUN [\"/bin/busybox\",\"--install\",\"-s\",\"/bin\"]\n")
                .Write("images/right/Dockerfile", "ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\nCOPY right.txt /etc/right.txt\n")
                .Write("images/right/right.txt", "right 1\n")
                // Its tests are not sent with its build: a change to them leaves its image (and fingerprint) as it is.
                .Write("images/right/.dockerignore", "test\n")
                .WriteExecutable("images/right/test/right.sh", "#!/bin/sh\ngrep -q right /etc/right.txt\n")
                .WriteExecutable("images/tests_common/check.sh", "#!/bin/sh\ntest -x /bin/sh\n");
            File.Copy("/bin/busybox", Repo.PathOf("images/base/busybox"));
            Repo.Commit("stack");
        }

        public Dictionary<string, JsonNode> Results() =>
            JsonNode.Parse(File.ReadAllText(Repo.PathOf("out/r.json")))!["images"]!.AsArray()
                .ToDictionary(i => i!["name"]!.GetValue<string>(), i => i!);

        public string Status(string image) => Results()[image]["status"]!.GetValue<string>();

        public void Dispose()
        {
            DockerTestCleanup.RemoveImagesWithPrefix(Owner);
            Repo.Dispose();
        }
    }

    private async Task<string?> DigestAsync(string repository, string tag)
    {
        using var http = new HttpClient();
        return await new RegistryClient(http, _ => null).ManifestExistsAsync($"{repository}:{tag}", CancellationToken.None);
    }

    private async Task<IReadOnlyList<string>> TagsAsync(string repository)
    {
        using var http = new HttpClient();
        return await new RegistryClient(http, _ => null).ListTagsAsync(repository, CancellationToken.None);
    }

    [Fact]
    public async Task A_commit_that_makes_a_common_test_fail_makes_Test_fail()
    {
        using var s = new Stack(registryHost: null);
        var first = await s.Repo.RunAsync("Test", "--all");
        first.ExitCode.Should().Be(0, first.ToString());

        s.Repo.WriteExecutable("images/tests_common/check.sh", "#!/bin/sh\necho the common check fails >&2\nexit 1\n").Commit("break the common test");
        var plan = await s.Repo.RunAsync("Plan");
        plan.Stdout.Should().Contain("Build 2 of 2 images").And.Contain("tests changed: images/tests_common/check.sh", plan.ToString());

        var test = await s.Repo.RunAsync("Test", "--results-file", "out/r.json");

        test.ExitCode.Should().NotBe(0, test.ToString());
        test.Output.Should().NotContain("Nothing to build").And.NotContain("[base] building", "the images exist: they are reused and tested again")
            .And.Contain("test tests_common/check.sh failed");
        s.Status("base").Should().Be("failed");
        s.Results()["base"]["stage"]!.GetValue<string>().Should().Be("test");
    }

    [Fact]
    public async Task A_changed_test_of_a_reused_image_runs_on_a_new_branch_before_its_branch_tag_is_written()
    {
        using var s = new Stack(registry.Host);
        var repo = s.Repo;
        var right = $"{registry.Host}/{s.Owner}/right";

        var main = await repo.RunAsync("Push", "--all");
        main.ExitCode.Should().Be(0, main.ToString());
        var mainDigest = await DigestAsync(right, "2026.1-main");
        var record = "tested-" + mainDigest![7..23];
        (await TagsAsync(right)).Should().Contain(t => t.StartsWith(record, StringComparison.Ordinal),
            "the push records that this digest passed its tests");

        // A fresh runner on a new branch whose commit breaks right's own test.
        DockerTestCleanup.RemoveImagesWithPrefix(s.Owner);
        repo.Git.Git("checkout", "-q", "-b", "feature/x");
        repo.WriteExecutable("images/right/test/right.sh", "#!/bin/sh\necho right is broken >&2\nexit 3\n").Commit("break right's test");

        var broken = await repo.RunAsync("Push", "--results-file", "out/r.json");

        broken.ExitCode.Should().NotBe(0, broken.ToString());
        broken.Output.Should().NotContain("[right] building", "its image is reused from the registry").And.Contain("[right] testing")
            .And.Contain("right is broken");
        s.Status("right").Should().Be("failed");
        (await DigestAsync(right, "2026.1-feature-x")).Should().BeNull("no tag moves before the tests pass");
        var refused = await repo.RunAsync("Promote", "--from-tag", "2026.1-main", "--to-tag", "stable");
        refused.ExitCode.Should().NotBe(0, refused.ToString());
        // Refused: the ledger says this digest failed right's current tests (and nothing says it passed them).
        refused.Output.Should().Contain("right").And.Contain("tests failed").And.Contain("right/test/right.sh")
            .And.Contain("Nothing was promoted");

        repo.WriteExecutable("images/right/test/right.sh", "#!/bin/sh\ntest -s /etc/right.txt && grep -q 1 /etc/right.txt\n").Commit("fix right's test");
        var fixedRun = await repo.RunAsync("Push", "--results-file", "out/r.json");

        fixedRun.ExitCode.Should().Be(0, fixedRun.ToString());
        fixedRun.Output.Should().NotContain("[right] building").And.Contain("[right] testing");
        s.Status("right").Should().Be("reused");
        s.Results()["right"]["reason"]!.GetValue<string>().Should().Contain("tested again");
        (await DigestAsync(right, "2026.1-feature-x")).Should().Be(mainDigest, "the same image, tagged registry-side once it passed");
        var promoted = await repo.RunAsync("Promote", "--from-tag", "2026.1-main", "--to-tag", "stable");
        promoted.ExitCode.Should().Be(0, promoted.ToString());

        // Recorded: the same digest with the same tests is trusted without testing ...
        var again = await repo.RunAsync("Push", "--images", "right", "--results-file", "out/r.json");
        again.ExitCode.Should().Be(0, again.ToString());
        again.Output.Should().NotContain("[right] testing");
        s.Results()["right"]["reason"]!.GetValue<string>().Should().Contain("passed on this digest before");

        // ... but an image target tests its image whatever is recorded.
        var target = await repo.RunAsync("right");
        target.ExitCode.Should().Be(0, target.ToString());
        target.Output.Should().Contain("[right] testing").And.NotContain("[right] building");
        File.Exists(repo.PathOf("artifacts/images/right/tests/right/test/right.sh.log")).Should().BeTrue(target.ToString());
    }

    [Fact]
    public async Task An_added_integration_command_runs_on_a_reused_image()
    {
        using var s = new Stack(registry.Host);
        var repo = s.Repo;
        var main = await repo.RunAsync("Push", "--all");
        main.ExitCode.Should().Be(0, main.ToString());
        DockerTestCleanup.RemoveImagesWithPrefix(s.Owner);

        repo.Edit("images/spec.yml", "    depend_on: base\n", "    depend_on: base\n    integration_tests: \"echo integration ran on $TEST_IMAGE\"\n")
            .Commit("add an integration test");
        var run = await repo.RunAsync("Push", "--results-file", "out/r.json");

        run.ExitCode.Should().Be(0, run.ToString());
        run.Output.Should().NotContain("[right] building", "an integration command is no part of the image");
        s.Status("right").Should().Be("reused");
        File.ReadAllText(repo.PathOf("artifacts/images/right/tests/integration-1.log"))
            .Should().Contain($"integration ran on {registry.Host}/{s.Owner}/right:sha-");
    }
}
