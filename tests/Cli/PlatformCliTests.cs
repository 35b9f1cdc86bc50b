using Cascade.Pipeline;
using Cascade.Registry;
using Cascade.Stacks;
using Cascade.Tests.Support;

namespace Cascade.Tests.Cli;

/// <summary>
/// One runner per platform, from the command line, against the real daemon (arm64 under qemu) and a real
/// registry: `Push --platform P` pushes that platform's image under its own tags only, and PushIndex writes the
/// one index only once every platform's image is there — never half of it.
/// </summary>
[Trait(Needs.Trait, Needs.Docker), Trait(Needs.Trait, Needs.Registry)]
public sealed class PlatformCliTests(RegistryFixture registry) : IClassFixture<RegistryFixture>, IDisposable
{
    private readonly CliRepo repo = new();
    private readonly string owner = $"cascade-test-{Guid.NewGuid():N}"[..24];
    private readonly HttpClient http = new();
    private RegistryClient Client => new(http, _ => null);

    public void Dispose()
    {
        DockerTestCleanup.RemoveImagesWithPrefix(owner);
        http.Dispose();
        repo.Dispose();
    }

    /// <summary>base for both platforms; solo for the daemon's only.</summary>
    private void WriteStack()
    {
        repo.Write("images/spec.yml", $"""
            registry: "{registry.Host}"
            owner: {owner}
            platforms: [linux/amd64, linux/arm64]
            images:
              base:
              solo:
                platforms: []

            """);
        repo.Write("images/base/stack-id", owner + "\n");
        File.Copy("/bin/busybox", repo.PathOf("images/base/busybox-amd64"));
        File.Copy(Emulation.Arm64Busybox, repo.PathOf("images/base/busybox-arm64"));
        repo.Write("images/base/Dockerfile",
            "FROM scratch\nCOPY stack-id /.cascade-test-stack\nARG TARGETARCH\nCOPY busybox-${TARGETARCH} /bin/busybox\n" +
            "RUN [\"/bin/busybox\",\"--install\",\"-s\",\"/bin\"]\n");
        // Each image's first step is a file unique to this test: its layers are never another stack's build cache,
        // so removing them cannot pull a cached layer from under a build running in parallel.
        repo.Write("images/solo/stack-id", owner + "\n");
        repo.Write("images/solo/Dockerfile", "FROM scratch\nCOPY stack-id /.cascade-test-stack\nCOPY busybox /bin/busybox\n");
        File.Copy("/bin/busybox", repo.PathOf("images/solo/busybox"));
        repo.Commit("stack");
    }

    private ImageReference Base(string tag) => ImageReference.Parse($"{registry.Host}/{owner}/base:{tag}");

    private async Task<IReadOnlyList<string>> TagsAsync(string image)
    {
        var response = await http.GetAsync($"http://{registry.Host}/v2/{owner}/{image}/tags/list");
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound) return [];
        var tags = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!["tags"]?.AsArray();
        return tags?.Select(t => t!.GetValue<string>()).ToList() ?? [];
    }

    [EmulatedFact]
    public async Task Each_platform_is_pushed_on_its_own_and_PushIndex_writes_the_index_only_once_all_are_there()
    {
        WriteStack();

        var amd64 = await repo.RunAsync("Push", "--images", "base", "solo", "--platform", "linux/amd64", "--branch", "main");
        amd64.ExitCode.Should().Be(0, amd64.ToString());
        amd64.Output.Should().Contain("solo: left out: not built for linux/amd64 (--platform) — it has no platforms: a run without --platform builds it");
        var afterAmd64 = await TagsAsync("base");
        afterAmd64.Should().Contain("main-linux-amd64").And.NotContain("main", "a run of one platform writes no index");
        (await TagsAsync("solo")).Should().BeEmpty("solo is not this runner's work");
        File.Exists(repo.PathOf("artifacts/images/ledger.json")).Should().BeFalse("a run of one platform publishes no shared tag: nothing for the ledger");

        var half = await repo.RunAsync("PushIndex", "--images", "base", "--branch", "main");
        half.ExitCode.Should().Be(1, half.ToString());
        half.Output.Should().MatchRegex(@"base: the registry has no linux/arm64 image \([^)]*/base:fp-[0-9a-f]{16}\)");
        (await TagsAsync("base")).Should().BeEquivalentTo(afterAmd64, "nothing is written for an image missing a platform");

        var arm64 = await repo.RunAsync("Push", "--images", "base", "--platform", "linux/arm64", "--branch", "main");
        arm64.ExitCode.Should().Be(0, arm64.ToString());

        var merged = await repo.RunAsync("PushIndex", "--images", "base", "--branch", "main");
        merged.ExitCode.Should().Be(0, merged.ToString());
        var index = await Client.ReadIndexAsync(Base("main"), CancellationToken.None);
        index.Should().NotBeNull(merged.ToString());
        index!.Select(e => e.Platform).Should().Equal(Platform.LinuxAmd64, Platform.LinuxArm64);
        index[0].Digest.Should().Be(await Client.ManifestExistsAsync(Base("main-linux-amd64"), CancellationToken.None));
        index[1].Digest.Should().Be(await Client.ManifestExistsAsync(Base("main-linux-arm64"), CancellationToken.None));
        var sha = "sha-" + repo.Git.Git("rev-parse", "--short=7", "HEAD").Trim();
        (await TagsAsync("base")).Should().Contain([sha, "main"]).And.Contain(t => t.StartsWith("fp-") && t.Length == 19);
        merged.Stdout.Should().Contain($"{owner}/base:main@sha256:");

        // Published only now, as one tag for both platforms: the index job's Push in the ledger, and its entry for the wiki job.
        var indexDigest = await Client.ManifestExistsAsync(Base("main"), CancellationToken.None);
        var ledger = Cascade.Publishing.Ledger.LoadEntry(repo.PathOf("artifacts/images/" + Cascade.Publishing.Ledger.EntryFileName));
        var record = ledger.Images.Should().ContainSingle().Subject;
        (record.Name, record.Digest, record.Status.ToText()).Should().Be(("base", indexDigest, "succeeded"));
        record.Tags.Should().Contain(["main", sha]);
        record.Facts!.Platforms!.Select(p => (p.Platform, p.Digest)).Should().Equal(
            ("linux/amd64", index[0].Digest), ("linux/arm64", index[1].Digest));
        record.Facts.Platforms!.Should().OnlyContain(p => p.CompressedSize > 0);

        DockerTestCleanup.Docker("run", "--rm", "--platform", "linux/arm64", "--pull", "always", Base("main").ToString(), "uname", "-m")
            .Should().Equal("aarch64");
    }
}

/// <summary>--platform names a platform the stack's images are built for, or nothing runs (exit 2).</summary>
public sealed class PlatformArgumentTests : IDisposable
{
    private readonly CliRepo repo = new();

    public void Dispose() => repo.Dispose();

    [Theory]
    [InlineData("platforms: [linux/amd64, linux/arm64]\n", "linux/s390x",
        "--platform linux/s390x: no image of * is built for linux/s390x; its images are built for linux/amd64, linux/arm64.")]
    [InlineData("", "linux/arm64", "--platform linux/arm64: no image of * has platforms:, so each is built for the Docker daemon's platform; leave --platform out.")]
    [InlineData("platforms: [linux/amd64]\n", "linux/arm46", "--platform linux/arm46: platform \"linux/arm46\" names an unknown architecture*")]
    public async Task A_platform_the_stack_does_not_build_for_is_a_usage_error(string platforms, string given, string message)
    {
        repo.Write("images/spec.yml", platforms + "images:\n  base:\n").Write("images/base/Dockerfile", "FROM scratch\nCOPY Dockerfile /\n");
        repo.Commit("stack");

        var run = await repo.RunAsync("Build", "--platform", given);

        run.ExitCode.Should().Be(2, run.ToString());
        run.Stderr.Should().Match($"*{message}*");
        run.Output.Should().NotContain("=== Build ===", "nothing runs");
    }
}
