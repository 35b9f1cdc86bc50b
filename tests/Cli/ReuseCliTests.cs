using System.Text.Json.Nodes;
using Cascade.Registry;
using Cascade.Tests.Support;

namespace Cascade.Tests.Cli;

/// <summary>
/// Fingerprint reuse as a user walks it, on the real daemon and a real registry: a stack pushed from main,
/// then a new branch on a "fresh runner" (local images removed) that changes one leaf, `--all` on it, and a
/// revert. Every image this test makes is removed, pass or fail.
/// </summary>
public sealed class ReuseCliTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    private sealed class ChainRepo : IDisposable
    {
        public CliRepo Repo { get; } = new();
        public string Owner { get; } = $"cascade-reuse-{Guid.NewGuid():N}"[..26];

        public ChainRepo(string? registryHost)
        {
            Repo.Write("images/spec.yml", $"""
                {(registryHost is null ? "" : $"registry: {registryHost}")}
                owner: {Owner}
                tag:
                  prefix: "2026.1"
                images:
                  base: {"{}"}
                  left:
                    depend_on: base
                  right:
                    depend_on: base
                """);
            Repo.Write("images/base/Dockerfile",
                    $"FROM scratch\nLABEL cascade.test.stack={Owner}\nCOPY busybox /bin/busybox\n" +
                    "RUN [\"/bin/busybox\",\"--install\",\"-s\",\"/bin\"]\nRUN echo base > /etc/base-marker\n")
                .Write("images/left/Dockerfile", "ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\nCOPY left.txt /etc/left.txt\nRUN cat /etc/left.txt\n")
                .Write("images/left/left.txt", "left 1\n")
                .Write("images/right/Dockerfile", "ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\nCOPY right.txt /etc/right.txt\n")
                .Write("images/right/right.txt", "right 1\n")
                .Write("images/right/test/right.sh", "#!/bin/sh\ngrep -q right /etc/right.txt\n");
            File.Copy("/bin/busybox", Repo.PathOf("images/base/busybox"));
            Repo.Commit("chain");
        }

        public void Dispose()
        {
            DockerTestCleanup.RemoveImagesWithPrefix(Owner);
            Repo.Dispose();
        }

        public Dictionary<string, JsonNode> Results() =>
            JsonNode.Parse(File.ReadAllText(Repo.PathOf("out/r.json")))!["images"]!.AsArray()
                .ToDictionary(i => i!["name"]!.GetValue<string>(), i => i!);
    }

    private static string Status(Dictionary<string, JsonNode> results, string image) => results[image]["status"]!.GetValue<string>();

    private async Task<string?> DigestAsync(string repository, string tag)
    {
        using var http = new HttpClient();
        return await new RegistryClient(http, _ => null).ManifestExistsAsync($"{repository}:{tag}", CancellationToken.None);
    }

    [Fact]
    public async Task A_new_branch_builds_only_what_it_changed_all_reuses_and_a_revert_reuses_main_s_image()
    {
        using var c = new ChainRepo(registry.Host);
        var repo = c.Repo;
        string Repository(string image) => $"{registry.Host}/{c.Owner}/{image}";

        var main = await repo.RunAsync("Push", "--all", "--results-file", "out/r.json");
        main.ExitCode.Should().Be(0, main.ToString());
        c.Results().Values.Should().OnlyContain(r => r["status"]!.GetValue<string>() == "succeeded", main.ToString());
        var mainRight = await DigestAsync(Repository("right"), "2026.1-main");

        // A fresh runner: nothing in the daemon. A new branch changes one leaf.
        DockerTestCleanup.RemoveImagesWithPrefix(c.Owner);
        repo.Git.Git("checkout", "-q", "-b", "feature/x");
        repo.Write("images/left/left.txt", "left 2\n").Commit("left changes");

        var branch = await repo.RunAsync("Push", "--results-file", "out/r.json");
        branch.ExitCode.Should().Be(0, branch.ToString());
        var built = c.Results();
        Status(built, "left").Should().Be("succeeded", branch.ToString());
        Status(built, "base").Should().Be("unchanged");
        Status(built, "right").Should().Be("unchanged");
        branch.Output.Should().NotContain("[base] building").And.NotContain("[right] building").And.Contain("[left] building");
        (await DigestAsync(Repository("left"), "2026.1-feature-x")).Should().NotBeNull("the leaf is pushed under the branch's tag");

        // --all on the branch builds nothing: every image exists by its fingerprint.
        var all = await repo.RunAsync("Push", "--all", "--results-file", "out/r.json");
        all.ExitCode.Should().Be(0, all.ToString());
        c.Results().Values.Should().OnlyContain(r => r["status"]!.GetValue<string>() == "reused", all.ToString());
        all.Output.Should().NotContain("building");
        (await DigestAsync(Repository("right"), "2026.1-feature-x")).Should().Be(mainRight, "tagged registry-side, the same manifest");

        // Reverting the change gives main's content again: main's image is reused.
        repo.Write("images/left/left.txt", "left 1\n").Commit("revert");
        var reverted = await repo.RunAsync("Push", "--results-file", "out/r.json");
        reverted.ExitCode.Should().Be(0, reverted.ToString());
        Status(c.Results(), "left").Should().Be("reused", reverted.ToString());
        (await DigestAsync(Repository("left"), "2026.1-feature-x"))
            .Should().Be(await DigestAsync(Repository("left"), "2026.1-main"));
    }

    private async Task<IReadOnlyList<string>> TagsAsync(string owner, string image)
    {
        using var http = new HttpClient();
        var response = await http.GetAsync($"http://{registry.Host}/v2/{owner}/{image}/tags/list");
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound) return [];
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["tags"]?.AsArray().Select(t => t!.GetValue<string>()).ToList() ?? [];
    }

    [Fact]
    public async Task Fingerprint_tags_only_pushes_fp_tags_alone_records_nothing_and_a_later_push_reuses_them()
    {
        using var c = new ChainRepo(registry.Host);
        var repo = c.Repo;

        var pr = await repo.RunAsync("Push", "--all", "--fingerprint-tags-only", "--results-file", "out/r.json");

        pr.ExitCode.Should().Be(0, pr.ToString());
        c.Results().Values.Should().OnlyContain(r => r["status"]!.GetValue<string>() == "succeeded", pr.ToString());
        c.Results().Values.Should().OnlyContain(r => r["ref"]!.GetValue<string>().Contains(":fp-"), "the only tag is the one shown");
        // Besides the registry's record that its tests passed (right has tests): a tested- tag on the same digest.
        foreach (var image in new[] { "base", "left", "right" })
            (await TagsAsync(c.Owner, image)).Where(t => !t.StartsWith(Cascade.Changes.Fingerprints.TestFingerprint.RecordTagPrefix, StringComparison.Ordinal))
                .Should().ContainSingle().Which.Should().StartWith("fp-", $"{image}: no branch tag, no sha- tag\n{pr}");
        File.Exists(repo.PathOf("artifacts/images/ledger.json")).Should().BeFalse("no ledger entry");
        File.Exists(repo.PathOf("artifacts/images/ledger-entry.json")).Should().BeFalse("no entry for CI's wiki job either");
        Directory.Exists(repo.PathOf("artifacts/images/manifests")).Should().BeFalse("no page");

        // A fresh runner pushes the same commit as a push to main does: every image is found by its fingerprint and
        // tagged registry-side, none is built again.
        DockerTestCleanup.RemoveImagesWithPrefix(c.Owner);
        var main = await repo.RunAsync("Push", "--all", "--results-file", "out/r.json");

        main.ExitCode.Should().Be(0, main.ToString());
        c.Results().Values.Should().OnlyContain(r => r["status"]!.GetValue<string>() == "reused", main.ToString());
        (await TagsAsync(c.Owner, "left")).Should().Contain("2026.1-main");
    }

    [Fact]
    public async Task No_reuse_twice_on_one_commit_gives_the_same_root_image_and_children_from_the_cache_in_one_label_step()
    {
        using var c = new ChainRepo(registryHost: null);
        var repo = c.Repo;
        string IdOf(string image) => DockerTestCleanup.Docker("image", "inspect", "--format", "{{.Id}}", $"{c.Owner}/{image}:2026.1-main").Single();

        var first = await repo.RunAsync("Build", "--all", "--no-reuse", "--results-file", "out/r.json");
        first.ExitCode.Should().Be(0, first.ToString());
        var rootId = IdOf("base");
        var second = await repo.RunAsync("Build", "--all", "--no-reuse", "--results-file", "out/r.json");
        second.ExitCode.Should().Be(0, second.ToString());

        c.Results().Values.Should().OnlyContain(r => r["status"]!.GetValue<string>() == "succeeded", "--no-reuse builds");
        IdOf("base").Should().Be(rootId, "labels come from the commit, not the clock");
        File.ReadAllText(repo.PathOf("artifacts/images/left/build.log")).Should().Contain("Using cache", "the parent is the same image");
        var history = DockerTestCleanup.Docker("history", "--no-trunc", "--format", "{{.CreatedBy}}", $"{c.Owner}/left:2026.1-main");
        history.Where(l => l.Contains("org.opencontainers.image.title=left")).Should().ContainSingle("all labels go in as one step")
            .Which.Should().Contain("cascade.fingerprint=sha256:").And.Contain("org.opencontainers.image.created").And.Contain("org.opencontainers.image.version");
    }
}
