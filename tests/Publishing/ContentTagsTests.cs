using System.Text.Json.Nodes;
using Cascade.Registry;
using Cascade.Tests.Cli;
using Cascade.Tests.Support;

namespace Cascade.Tests.Publishing;

/// <summary>
/// `tags:` through the CLI on the real daemon and a real loopback registry: filled from commands run in the pushed
/// image, written on the default branch's Push only, all checked before any is written. Every image and container
/// a test makes is removed.
/// </summary>
public sealed class ContentTagsTests : IClassFixture<RegistryFixture>, IDisposable
{
    private readonly RegistryFixture registry;
    private readonly CliRepo repo = new();
    private readonly string owner = $"cascade-tags-{Guid.NewGuid():N}"[..24];
    private readonly HttpClient http = new();

    public ContentTagsTests(RegistryFixture registry)
    {
        this.registry = registry;
        repo.Write("images/base/Dockerfile",
            $"FROM scratch\nLABEL cascade.test.stack={owner}\nCOPY busybox /bin/busybox\n" +
            "RUN [\"/bin/busybox\",\"--install\",\"-s\",\"/bin\"]\nRUN echo 1.2.3 > /etc/version\n");
        repo.Write("images/child/Dockerfile", "ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\nRUN echo child > /etc/child-marker\n");
        File.Copy("/bin/busybox", repo.PathOf("images/base/busybox"));
    }

    private RegistryClient Client => new(http, _ => null, TimeSpan.FromMilliseconds(50));

    private ImageReference Reference(string image, string tag) => ImageReference.Parse($"{registry.Host}/{owner}/{image}:{tag}");

    private Task<IReadOnlyList<string>> TagsAsync(string image) => Client.ListTagsAsync(Reference(image, "x"), CancellationToken.None);

    private Task<string?> DigestAsync(string image, string tag) => Client.ManifestExistsAsync(Reference(image, tag), CancellationToken.None);

    private Task<CascadeRun> PushAsync(string branch) => repo.RunAsync("Push", "--all", "--branch", branch, "--registry", registry.Host);

    private void Spec(string childCommands) => repo.Write("images/spec.yml", $$"""
        owner: {{owner}}
        all_info_cmds:
          VER: {description: Version, command: cat /etc/version}
          NAME: {command: "echo '  Busy Box 1.36  '"}
        {{childCommands}}
        images:
          base:
            info_cmds: [VER]
            tags: ["ver-{VER}", "{NAME}"]
          child:
            depend_on: base
            tags: ["child-{VER}", "{MARK}"]
        """);

    [Fact]
    public async Task A_template_is_filled_from_the_image_and_pushed_on_the_default_branch_only()
    {
        Spec("  MARK: {command: cat /etc/child-marker}");
        repo.Commit("stack");

        var feature = await PushAsync("feature");
        feature.ExitCode.Should().Be(0, feature.ToString());
        (await TagsAsync("base")).Should().Contain("feature").And.NotContain("ver-1.2.3", "only the default branch's push writes content tags");

        var main = await PushAsync("main");

        main.ExitCode.Should().Be(0, main.ToString());
        var baseDigest = await DigestAsync("base", "main");
        (await DigestAsync("base", "ver-1.2.3")).Should().Be(baseDigest).And.NotBeNull();
        (await DigestAsync("base", "Busy-Box-1.36")).Should().Be(baseDigest, "the output is trimmed and its space made a '-'");
        var childDigest = await DigestAsync("child", "main");
        (await DigestAsync("child", "child-1.2.3")).Should().Be(childDigest).And.NotBeNull();
        (await DigestAsync("child", "child")).Should().Be(childDigest);

        var entry = JsonNode.Parse(File.ReadAllText(repo.PathOf("artifacts/images/ledger.json")))!["entries"]!.AsArray()[^1]!;
        var baseRecord = entry["images"]!.AsArray().First(i => i!["name"]!.GetValue<string>() == "base")!;
        baseRecord["tags"]!.AsArray().Select(t => t!.GetValue<string>()).Should().Contain(["main", "ver-1.2.3", "Busy-Box-1.36"]);
        baseRecord["content_tags"]!.AsArray().Select(t => t!.GetValue<string>()).Should().Equal("ver-1.2.3", "Busy-Box-1.36");
        var pages = repo.PathOf("artifacts/images/manifests");
        File.ReadAllText(Path.Combine(pages, $"base-{baseDigest![7..19]}.md")).Should().Contain("| Content tags | `ver-1.2.3`, `Busy-Box-1.36` |");
        File.ReadAllText(Path.Combine(pages, "Home.md")).Should().Contain("## Content tags")
            .And.Contain($"| [base](base-{baseDigest[7..19]}.md) | `ver-1.2.3` | `{baseDigest}` |")
            .And.Contain($"| [child](child-{childDigest![7..19]}.md) | `child-1.2.3` | `{childDigest}` |");
        DockerTestCleanup.OwnedContainers(owner).Should().BeEmpty("the commands run in containers that are removed");
    }

    [Theory]
    [InlineData("echo broken >&2; exit 3", "exited 3: broken")]
    [InlineData("true", "printed nothing")]
    public async Task A_failing_or_silent_command_fails_the_push_before_any_content_tag_is_written(string command, string problem)
    {
        Spec($"  MARK: {{command: \"{command}\"}}");
        repo.Commit("stack");

        var run = await PushAsync("main");

        run.ExitCode.Should().NotBe(0, run.ToString());
        run.Output.Should().Contain("No content tag was written")
            .And.Contain($"child: all_info_cmds entry MARK (for tag {{MARK}}) {problem}");
        run.StackTraceLines.Should().BeEmpty(run.ToString());
        (await DigestAsync("base", "main")).Should().NotBeNull("the images were pushed before their commands ran");
        (await TagsAsync("base")).Should().NotContain(["ver-1.2.3", "Busy-Box-1.36"], "base's commands passed, but child's did not");
        (await TagsAsync("child")).Should().NotContain("child-1.2.3");
        var entry = JsonNode.Parse(File.ReadAllText(repo.PathOf("artifacts/images/ledger.json")))!["entries"]!.AsArray()[^1]!;
        entry["images"]!.AsArray().Should().OnlyContain(i => i!["content_tags"] == null, "the push is recorded without content tags");
        DockerTestCleanup.OwnedContainers(owner).Should().BeEmpty();
    }

    public void Dispose()
    {
        DockerTestCleanup.RemoveImagesWithPrefix(owner);
        repo.Dispose();
        http.Dispose();
    }
}
