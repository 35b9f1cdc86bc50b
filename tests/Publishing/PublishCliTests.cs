using System.Text.Json.Nodes;
using Cascade.Registry;
using Cascade.Tests.Support;

namespace Cascade.Tests.Publishing;

/// <summary>
/// Push, Promote, Docs and TestGpu through the CLI, on the real daemon and a real loopback registry
/// (its own, so its access log shows exactly which requests a promotion made).
/// </summary>
public sealed class PublishCliTests(PublishedStack stack) : IClassFixture<PublishedStack>
{
    private const string Main = PublishedStack.Branch;

    private Task<CascadeRun> RunAsync(params string[] args) => stack.Repo.RunAsync(args);

    [Fact]
    public async Task Push_writes_a_page_per_image_and_Docs_regenerates_every_page_byte_for_byte_from_the_ledger()
    {
        stack.Push.ExitCode.Should().Be(0, stack.Push.ToString());
        var ledger = JsonNode.Parse(File.ReadAllText(stack.LedgerFile))!;
        var push = ledger["entries"]!.AsArray().First(e => e!["kind"]!.GetValue<string>() == "push")!;
        var images = push["images"]!.AsArray();
        images.Select(i => i!["name"]!.GetValue<string>()).Should().Equal("base", "child", "leaf");
        images.Should().OnlyContain(i => i!["status"]!.GetValue<string>() == "succeeded" && i["digest"] != null);

        var baseDigest = (await stack.DigestAsync("base", Main))!;
        var basePage = File.ReadAllText(Path.Combine(stack.ManifestsFolder, $"base-{baseDigest[7..19]}.md"));
        basePage.Should().Contain($"| Digest | `{baseDigest}` |").And.Contain("| Tags | `main`")
            .And.Contain("| Platform | linux/").And.Contain("| Compressed size | ")
            .And.Contain("| Created | Command | Size | Cumulative |").And.Contain("COPY file:")
            .And.Contain("## Greeting").And.Contain("hello from base")
            .And.Contain("## Numbers").And.Contain("<details><summary>40 lines</summary>")
            .And.Contain("| shell.sh |".Replace("shell.sh", "tests_common/shell.sh")).And.Contain("| passed |");
        // The short output is shown as it is; only the long one is folded.
        basePage[..basePage.IndexOf("## Numbers", StringComparison.Ordinal)].Should().NotContain("<details>");
        var childDigest = (await stack.DigestAsync("child", Main))!;
        var childPage = File.ReadAllText(Path.Combine(stack.ManifestsFolder, $"child-{childDigest[7..19]}.md"));
        childPage.Should().Contain("| `FLAVOUR` | `mild` |").And.Contain($"/{stack.Owner}/base:").And.Contain(baseDigest);
        File.ReadAllText(Path.Combine(stack.ManifestsFolder, "Stack.md")).Should().Contain("```mermaid")
            .And.Contain("classDef succeeded").And.Contain("class base succeeded");
        File.ReadAllText(Path.Combine(stack.ManifestsFolder, "Home.md")).Should().Contain($"[base](base-{baseDigest[7..19]}.md)");
        DockerTestCleanup.OwnedContainers(stack.Owner).Should().BeEmpty("info commands run in containers that are removed");

        // Delete every page, regenerate from the ledger alone: the same bytes, into a wiki folder too.
        var before = Pages(stack.ManifestsFolder);
        foreach (var file in before.Keys) File.Delete(Path.Combine(stack.ManifestsFolder, file));
        var wiki = stack.Repo.PathOf("wiki");
        var docs = await RunAsync("Docs", "--wiki", wiki, "--ledger", stack.LedgerFile);
        docs.ExitCode.Should().Be(0, docs.ToString());
        Pages(stack.ManifestsFolder).Should().Equal(before);
        File.ReadAllText(Path.Combine(wiki, "Home.md")).Should().Contain($"[base](base-{baseDigest[7..19]})", "wiki links have no .md");
    }

    [Fact]
    public async Task Promote_copies_manifests_registry_side_only_and_dry_run_writes_nothing()
    {
        var dry = await RunAsync("Promote", "--from-tag", Main, "--to-tag", "stable", "live", "--images", "base", "child",
            "--registry", stack.Registry.Host, "--dry-run");
        dry.ExitCode.Should().Be(0, dry.ToString());
        dry.Stdout.Should().Contain("would move").And.Contain("stable (new), live (new)");
        (await stack.TagsAsync("base")).Should().NotContain("stable");

        var logBefore = stack.Registry.LogLines.Count;
        var summary = stack.Repo.PathOf("summary.md");
        var run = await CascadeProcess.RunAsync(stack.Repo.Root,
            ["Promote", "--from-tag", Main, "--to-tag", "stable", "live", "--images", "base", "child", "--registry", stack.Registry.Host],
            new Dictionary<string, string?>
            {
                ["GITHUB_STEP_SUMMARY"] = summary, ["GITHUB_SERVER_URL"] = "https://github.example", ["GITHUB_REPOSITORY"] = "o/stack",
            });

        run.ExitCode.Should().Be(0, run.ToString());
        var during = stack.Registry.LogLines.Skip(logBefore).ToList();
        during.Should().Contain(l => l.Contains("PUT /v2/") && l.Contains("/manifests/stable"));
        during.Should().NotContain(l => l.Contains("/blobs/"), "promotion moves manifests, never layers");
        foreach (var image in new[] { "base", "child" })
        {
            var source = await stack.DigestAsync(image, Main);
            (await stack.DigestAsync(image, "stable")).Should().Be(source);
            (await stack.DigestAsync(image, "live")).Should().Be(source);
        }
        (await stack.TagsAsync("leaf")).Should().NotContain("stable", "only --images were promoted");
        File.ReadAllText(summary).Should().Contain("### Promoted `main` → `stable`, `live`").And.Contain("```mermaid")
            .And.Contain("class base promoted").And.Contain("| Image | Status | Time | Digest |")
            .And.Contain("[child](https://github.example/o/stack/wiki/child-", "the repository is known: links go to its wiki");
        var stable = File.ReadAllText(Path.Combine(stack.ManifestsFolder, "Stable.md"));
        stable.Should().Contain("`stable`, `live`").And.Contain("[base](base-");
        var baseDigest = (await stack.DigestAsync("base", Main))!;
        File.ReadAllText(Path.Combine(stack.ManifestsFolder, $"base-{baseDigest[7..19]}.md")).Should().Contain("`stable`, `live`");
    }

    [Fact]
    public async Task Promote_with_a_missing_source_changes_nothing_and_names_it()
    {
        var client = stack.Client;
        await client.CopyTagAsync(stack.Reference("base", Main), Main, "rc", CancellationToken.None);

        var run = await RunAsync("Promote", "--from-tag", "rc", "--to-tag", "release", "--images", "base", "child",
            "--registry", stack.Registry.Host);

        run.ExitCode.Should().NotBe(0, run.ToString());
        run.Output.Should().Contain($"child ({stack.Registry.Host}/{stack.Owner}/child:rc)").And.Contain("Nothing was promoted");
        run.StackTraceLines.Should().BeEmpty(run.ToString());
        (await stack.TagsAsync("base")).Should().NotContain("release");
        (await stack.TagsAsync("child")).Should().NotContain("release");
    }

    [Theory]
    [InlineData("new-tag", "prod")] // the first write made a tag that did not exist: it is removed again
    [InlineData("prod", "new-tag")] // the first write moved an existing tag: it is put back
    public async Task Promote_through_a_proxy_failing_the_second_manifest_put_leaves_every_target_tag_as_it_was(string first, string second)
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        string[] tags = [$"{first}-{suffix}", $"{second}-{suffix}"];
        var prod = tags.Single(t => t.StartsWith("prod", StringComparison.Ordinal));
        var before = await PointAtAVariantAsync("base", prod);
        var sources = new[] { await stack.DigestAsync("base", Main), await stack.DigestAsync("child", Main) };
        using var proxy = new FailingRegistryProxy(stack.Registry.BaseUri);

        var run = await RunAsync(["Promote", "--from-tag", Main, "--to-tag", .. tags, "--images", "base", "child", "--registry", proxy.Host]);

        run.ExitCode.Should().NotBe(0, run.ToString());
        run.Output.Should().Contain("rolled back");
        proxy.ManifestPuts.Count.Should().BeGreaterThanOrEqualTo(2, run.ToString());
        (await stack.DigestAsync("base", prod)).Should().Be(before, run.ToString());
        new[] { await stack.DigestAsync("base", Main), await stack.DigestAsync("child", Main) }.Should().Equal(sources,
            "undoing a new tag must not delete the manifest the source tag names");
        foreach (var image in new[] { "base", "child" })
            (await stack.TagsAsync(image)).Should().NotContain(tags.Where(t => t != prod || image != "base"), run.ToString());
    }

    [Fact]
    public async Task Promotion_refuses_an_image_whose_gpu_tests_have_not_passed()
    {
        var run = await RunAsync("Promote", "--from-tag", Main, "--to-tag", "gated", "--registry", stack.Registry.Host);

        run.ExitCode.Should().NotBe(0, run.ToString());
        run.Output.Should().Contain("leaf").And.Contain("gpu_tests").And.Contain("Nothing was promoted");
        (await stack.TagsAsync("base")).Should().NotContain("gated", "all or nothing: base passed, but leaf did not");
    }

    [Fact]
    public async Task Gpu_tests_on_an_engine_without_a_gpu_runtime_fail_at_once_with_a_clear_message()
    {
        var run = await RunAsync("TestGpu", "--from-tag", Main, "--images", "leaf", "--registry", stack.Registry.Host);

        run.ExitCode.Should().NotBe(0, run.ToString());
        run.Output.Should().Contain("cannot give containers a GPU").And.Contain("NVIDIA Container Toolkit");
        run.Output.Should().NotContain("[leaf] building", "TestGpu tests the pushed image, it builds nothing");
        run.StackTraceLines.Should().BeEmpty(run.ToString());
        DockerTestCleanup.OwnedContainers(stack.Owner).Should().BeEmpty();
    }

    /// <summary>Points image:tag at a manifest of its own (same blobs, another digest), as an older promotion would have.</summary>
    private async Task<string> PointAtAVariantAsync(string image, string tag)
    {
        var client = stack.Client;
        var source = (await client.GetManifestAsync(stack.Reference(image, Main), CancellationToken.None))!;
        var node = JsonNode.Parse(source.Bytes)!.AsObject();
        node["annotations"] = new JsonObject { ["test.previous"] = Guid.NewGuid().ToString() };
        node["mediaType"] = "application/vnd.oci.image.manifest.v1+json";
        var bytes = System.Text.Encoding.UTF8.GetBytes(node.ToJsonString());
        var variant = new RegistryManifest(bytes, "application/vnd.oci.image.manifest.v1+json",
            "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)));
        return await client.PutManifestAsync(stack.Reference(image, Main), tag, variant, CancellationToken.None);
    }

    private static Dictionary<string, string> Pages(string folder) =>
        Directory.GetFiles(folder, "*.md").ToDictionary(f => Path.GetFileName(f), File.ReadAllText);
}
