using System.Text.Json.Nodes;
using Cascade.Publishing;
using Cascade.Tests.Support;

namespace Cascade.Tests.Publishing;

/// <summary>Diff through the CLI on the real engine and a real registry: a branch that changed one image (a file of
/// known size, one package line), removed one and added one, against main's images.</summary>
[Trait(Needs.Trait, Needs.Docker), Trait(Needs.Trait, Needs.Registry)]
public sealed class DiffCliTests(DiffStack stack) : IClassFixture<DiffStack>
{
    private static readonly string[] NumpyLines = ["- numpy      1.26.0", "+ numpy      2.0.0"];

    private Task<CascadeRun> DiffAsync(params string[] args) =>
        stack.Repo.RunAsync(["Diff", "--base-ref", "main", "--branch", DiffStack.Branch, "--registry", stack.Registry.Host, .. args]);

    private IReadOnlyDictionary<string, JsonNode> Report() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(stack.ArtifactsFolder, DiffFile.FileName)))!["images"]!.AsArray()
            .ToDictionary(i => i!["name"]!.GetValue<string>(), i => i!);

    [Fact]
    public async Task Diff_shows_the_changed_image_s_size_delta_and_exactly_its_changed_package_line_and_the_rest_unchanged()
    {
        stack.MainPush.ExitCode.Should().Be(0, stack.MainPush.ToString());
        stack.BranchPush.ExitCode.Should().Be(0, stack.BranchPush.ToString());

        var run = await DiffAsync();

        run.ExitCode.Should().Be(0, run.ToString());
        var report = Report();
        report.ToDictionary(p => p.Key, p => p.Value["change"]!.GetValue<string>()).Should().Equal(new Dictionary<string, string>
        {
            ["base"] = "unchanged", ["app"] = "changed", ["sib"] = "unchanged", ["fresh"] = "new", ["old"] = "gone",
        }, run.ToString());
        var app = report["app"];
        foreach (var size in new[] { "compressed", "uncompressed" })
        {
            var delta = app[size]!["after"]!.GetValue<long>() - app[size]!["before"]!.GetValue<long>();
            delta.Should().BeCloseTo(DiffStack.BlobBytes, DiffStack.BlobBytes / 100, $"{size}: the file added, ±1%");
        }
        app["layers_added"]!.AsArray().Should().Contain(l => l!["size"]!.GetValue<long>() == DiffStack.BlobBytes, "the blob's own layer");
        var pkgs = app["info"]!.AsArray().Single()!;
        pkgs["lines"]!.AsArray().Select(l => $"{l!["sign"]!.GetValue<string>()} {l["text"]!.GetValue<string>()}").Should().Equal(NumpyLines);
        report["fresh"]["uncompressed"]!["after"]!.GetValue<long>().Should().BePositive();

        run.Stdout.Should().Contain("app").And.Contain(NumpyLines[0]).And.Contain(NumpyLines[1]).And.Contain("(+3.0 MB, +");
        var markdown = File.ReadAllText(Path.Combine(stack.ArtifactsFolder, DiffFile.MarkdownFileName));
        markdown.Should().StartWith(DiffFile.CommentMarker).And.Contain($"```diff\n{NumpyLines[0]}\n{NumpyLines[1]}\n```")
            .And.Contain("| old | gone |").And.Contain("| fresh | new |");
        DockerTestCleanup.OwnedContainers(stack.Owner).Should().BeEmpty("the info commands' containers are removed");
        DockerTestCleanup.Docker("images", "--digests", "--format", "{{.Repository}}@{{.Digest}} {{.Tag}}")
            .Should().NotContain(l => l.Contains($"/{stack.Owner}/app@") && l.EndsWith(" <none>"), "the image replaced, pulled by digest, is removed again");
    }

    [Fact]
    public async Task Against_a_tag_that_is_not_one_fails_before_any_work()
    {
        var run = await DiffAsync("--against", "not a tag!");

        run.ExitCode.Should().NotBe(0);
        run.Output.Should().Contain("--against 'not a tag!' is not a tag");
        run.StackTraceLines.Should().BeEmpty(run.ToString());
    }

    [Fact]
    public async Task Without_a_registry_there_is_nothing_to_compare_with_and_it_says_so()
    {
        var run = await stack.Repo.RunAsync("Diff", "--base-ref", "main");

        run.ExitCode.Should().NotBe(0);
        run.Output.Should().Contain("give --registry HOST");
        run.StackTraceLines.Should().BeEmpty(run.ToString());
    }

    [Fact]
    public async Task A_pull_request_without_a_token_fails_before_any_work_and_names_the_variable()
    {
        var run = await DiffAsync("--pull-request", "7");

        run.ExitCode.Should().NotBe(0);
        run.Output.Should().Contain("GITHUB_TOKEN is not set");
        run.StackTraceLines.Should().BeEmpty(run.ToString());
    }
}
