using System.Text.Json.Nodes;
using Cascade.Registry;
using Cascade.Stacks;
using Cascade.Tests.Cli;
using Cascade.Tests.Support;

namespace Cascade.Tests.Publishing;

/// <summary>
/// Push of a two-image stack for linux/amd64 and linux/arm64 (arm64 under qemu) through the CLI to a loopback
/// registry: each image is one ledger record (the index) whose page lists each platform's digest and sizes, and
/// the pages and the job summary count each image once.
/// </summary>
[Trait(Needs.Trait, Needs.Docker)]
[Trait(Needs.Trait, Needs.Registry)]
public sealed class PlatformPublishTests : IDisposable
{
    private readonly RegistryFixture _registry = new();
    private readonly CliRepo _repo = new();
    private readonly string _owner = $"cascade-plat-{Guid.NewGuid():N}"[..25];
    private readonly HttpClient _http = new();

    public void Dispose()
    {
        DockerTestCleanup.RemoveImagesWithPrefix(_owner);
        _repo.Dispose();
        _registry.Dispose();
        _http.Dispose();
    }

    private void WriteStack()
    {
        _repo.Write("images/spec.yml", $"""
            owner: {_owner}
            platforms: [linux/amd64, linux/arm64]
            all_info_cmds:
              ARCH: {"{"}description: Architecture, command: uname -m{"}"}
            images:
              base:
                info_cmds: [ARCH]
              child:
                depend_on: base
            """);
        // The first step is a file: the classic builder gives a FROM-scratch image the asked platform from there on.
        _repo.Write("images/base/Dockerfile",
                "FROM scratch\nCOPY stack-id /.cascade-test-stack\nARG TARGETARCH\nCOPY busybox-${TARGETARCH} /bin/busybox\n" +
                $"RUN [\"/bin/busybox\",\"--install\",\"-s\",\"/bin\"]\nLABEL cascade.test.stack={_owner}\n")
            .Write("images/base/stack-id", _owner + "\n")
            .Write("images/child/Dockerfile", "ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\nRUN uname -m > /child-on\n")
            .WriteExecutable("images/tests_common/arch.sh", "#!/bin/sh\ntest -n \"$(uname -m)\"\n");
        File.Copy("/bin/busybox", _repo.PathOf("images/base/busybox-amd64"));
        File.Copy(Emulation.Arm64Busybox, _repo.PathOf("images/base/busybox-arm64"));
        _repo.Commit("two platforms");
    }

    [EmulatedFact]
    public async Task Each_image_is_one_record_whose_page_lists_each_platforms_digest_and_sizes()
    {
        WriteStack();
        var summary = _repo.PathOf("summary.md");

        var push = await CascadeProcess.RunAsync(_repo.Root, ["Push", "--all", "--branch", "main", "--registry", _registry.Host],
            new Dictionary<string, string?> { ["GITHUB_STEP_SUMMARY"] = summary });

        push.ExitCode.Should().Be(0, push.ToString());
        var ledger = JsonNode.Parse(File.ReadAllText(_repo.PathOf("artifacts/images/ledger.json")))!;
        var images = ledger["entries"]!.AsArray().Single()!["images"]!.AsArray();
        images.Select(i => i!["name"]!.GetValue<string>()).Should().Equal(["base", "child"], "one record per image, not one per platform");

        var client = new RegistryClient(_http, _ => null);
        var reference = ImageReference.Parse($"{_registry.Host}/{_owner}/base:main");
        var indexDigest = await client.ManifestExistsAsync(reference, CancellationToken.None);
        var index = await client.ReadIndexAsync(reference, CancellationToken.None);
        index.Should().NotBeNull("base:main is an index");
        images[0]!["digest"]!.GetValue<string>().Should().Be(indexDigest);

        var page = File.ReadAllText(_repo.PathOf($"artifacts/images/manifests/base-{indexDigest![7..19]}.md"));
        page.Should().Contain("| Platform | linux/amd64, linux/arm64 |").And.Contain("## Platforms\n\n| Platform | Digest | Compressed size | Uncompressed size |");
        foreach (var entry in index!)
        {
            var row = page.Split('\n').Single(l => l.StartsWith($"| {entry.Platform} | `{entry.Digest}` |", StringComparison.Ordinal));
            var cells = row.Split(" | ");
            cells[2].Should().MatchRegex(@"^\d+(\.\d)? [KM]?B$", $"{entry.Platform}'s compressed size, from its manifest: {row}");
            cells[3].Should().MatchRegex(@"^\d+(\.\d)? [KM]?B \|$", $"{entry.Platform}'s image is in the daemon (built here under emulation): {row}");
            page.Should().Contain($"### {entry.Platform}\n\n| Created | Command |");
        }
        page.Should().Contain("`uname -m` (run in the linux/amd64 image)\n\n```text\nx86_64\n```");
        page.Should().Contain("| tests_common/arch.sh (linux/arm64) | passed |").And.Contain("| tests_common/arch.sh (linux/amd64) | passed |");

        var home = File.ReadAllText(_repo.PathOf("artifacts/images/manifests/Home.md"));
        home.Split('\n').Single(l => l.StartsWith("| 20", StringComparison.Ordinal)).Split("[base]").Should().HaveCount(2, "base is listed once");
        var summaryRows = File.ReadAllLines(summary).Where(l => l.StartsWith("| [", StringComparison.Ordinal)).ToList();
        summaryRows.Select(l => l[3..l.IndexOf(']')]).Should().Equal("base", "child");
        DockerTestCleanup.OwnedContainers(_owner).Should().BeEmpty("info commands run in containers that are removed");

        // A push on another branch reuses the index from the registry, untested: the page adds its tags and run, keeps the tests.
        var reuse = await CascadeProcess.RunAsync(_repo.Root, ["Push", "--all", "--branch", "dev", "--registry", _registry.Host]);
        reuse.ExitCode.Should().Be(0, reuse.ToString());
        var kept = File.ReadAllText(_repo.PathOf($"artifacts/images/manifests/base-{indexDigest[7..19]}.md"));
        kept.Should().Contain("| tests_common/arch.sh (linux/arm64) | passed |").And.Contain("| tests_common/arch.sh (linux/amd64) | passed |");
        kept.Should().Contain("| push `dev` |").And.Contain("| reused | `dev`").And.Contain("`uname -m` (run in the linux/amd64 image)");
    }
}
