using System.Text.Json.Nodes;
using Cascade.Changes.Fingerprints;
using Cascade.Registry;
using Cascade.Tests.Support;

namespace Cascade.Tests.Cli;

/// <summary>
/// Plan --explain on the real daemon and a real registry: `app` (FROM an external base, a build arg, a start.sh) with
/// `child` below it, and `other` beside them, all pushed from main. On a branch that changes app's build arg and its
/// start.sh while the external base's tag moves upstream, the plan names exactly those three inputs for app, `parent
/// app rebuilt` for child, nothing for other; a new image has no previous build; an unchanged image named with
/// --images is told it would be reused.
/// </summary>
[Trait(Needs.Trait, Needs.Docker)]
[Trait(Needs.Trait, Needs.Registry)]
public sealed class ExplainCliTests(RegistryFixture registry) : IClassFixture<RegistryFixture>, IDisposable
{
    private readonly CliRepo repo = new();
    private readonly string owner = $"cascade-explain-{Guid.NewGuid():N}"[..28];

    public void Dispose()
    {
        DockerTestCleanup.RemoveImagesWithPrefix(owner);
        repo.Dispose();
    }

    private string Upstream => $"{registry.Host}/{owner}-base:1";

    private string Repository(string image) => $"{registry.Host}/{owner}/{image}";

    private void WriteStack()
    {
        repo.Write("images/spec.yml", $"""
                registry: {registry.Host}
                owner: {owner}
                tag:
                  prefix: ex
                images:
                  app:
                    build_args:
                      PY_VER: "3.11"
                  child:
                    depend_on: app
                  other: {"{}"}
                """)
            .Write("images/app/Dockerfile", $"FROM {Upstream}\nLABEL cascade.test.stack={owner}\nARG PY_VER\nCOPY start.sh /start.sh\nRUN echo $PY_VER > /py\n")
            .Write("images/app/start.sh", "echo start\n")
            .Write("images/child/Dockerfile", "ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\nRUN echo child > /name\n")
            .Write("images/other/Dockerfile", $"FROM scratch\nLABEL cascade.test.stack={owner}\nCOPY note /note\n")
            .Write("images/other/note", "other\n");
        repo.Commit("stack");
    }

    private static Dictionary<string, (string? Previous, List<string> Lines)> Explanations(JsonNode plan) =>
        plan["explanations"]!.AsArray().ToDictionary(e => e!["name"]!.GetValue<string>(),
            e => (e!["previous"]?.GetValue<string>(), e["lines"]!.AsArray().Select(l => l!.GetValue<string>()).ToList()));

    [Fact]
    public async Task A_branch_that_moves_a_build_arg_a_context_file_and_a_base_is_told_exactly_those()
    {
        var old = await UpstreamBase.PushAsync(repo, owner, Upstream, "v1");
        WriteStack();
        var pushed = await repo.RunAsync("Push", "--all");
        pushed.ExitCode.Should().Be(0, pushed.ToString());
        await ThePushedImageRecordsItsInputs();

        repo.Git.Git("checkout", "-q", "-b", "feature");
        repo.Edit("images/spec.yml", "PY_VER: \"3.11\"", "PY_VER: \"3.12\"").Edit("images/app/start.sh", "start", "started");
        repo.Commit("py 3.12");
        var moved = await UpstreamBase.PushAsync(repo, owner, Upstream, "v2");
        moved.Should().NotBe(old);

        var file = repo.PathOf(".nuke/temp/explain.json");
        var run = await repo.RunAsync("Plan", "--explain", "--base-ref", "main", "--plan-file", file);
        run.ExitCode.Should().Be(0, run.ToString());
        var why = Explanations(JsonNode.Parse(File.ReadAllText(file))!);

        why.Keys.Should().BeEquivalentTo(["app", "child"], "other is not affected");
        why["app"].Previous.Should().Be($"{Repository("app")}:ex-main", "the branch has no build yet: the default branch's");
        why["app"].Lines.Should().Equal(
            "context: images/app/start.sh changed",
            "build arg PY_VER: 3.11 → 3.12",
            $"base {Upstream}: {old[..19]}… → {moved[..19]}…");
        why["child"].Lines.Should().Equal("parent app rebuilt");
        run.Stdout.Should().Contain("What moved since each image's previous build (--explain):").And.Contain("· build arg PY_VER: 3.11 → 3.12");
    }

    [Fact]
    public async Task A_new_image_has_no_previous_build_and_an_unchanged_one_named_would_be_reused()
    {
        await UpstreamBase.PushAsync(repo, owner, Upstream, "v1");
        WriteStack();
        var pushed = await repo.RunAsync("Push", "--all");
        pushed.ExitCode.Should().Be(0, pushed.ToString());

        repo.Git.Git("checkout", "-q", "-b", "fresh");
        repo.Edit("images/spec.yml", "  other: {}", "  other: {}\n  fresh: {}")
            .Write("images/fresh/Dockerfile", "FROM scratch\nCOPY note /note\n").Write("images/fresh/note", "new\n");
        repo.Commit("a new image");

        var fresh = Explanations(await repo.PlanAsync("--explain", "--base-ref", "main"));
        fresh.Keys.Should().Equal("fresh");
        fresh["fresh"].Lines.Should().Equal(
            $"no previous build: neither {Repository("fresh")}:ex-fresh nor {Repository("fresh")}:ex-main is in the registry");

        var named = Explanations(await repo.PlanAsync("--explain", "--images", "other"));
        named["other"].Lines.Should().Equal(
            $"no input differs from {Repository("other")}:ex-main: Build reuses it (--no-reuse --images other builds it again)");
    }

    // The label holds exactly the inputs whose hash is the image's fingerprint.
    private async Task ThePushedImageRecordsItsInputs()
    {
        using var http = new HttpClient();
        var image = await new RegistryClient(http, _ => null).ReadImageAsync(ImageReference.Parse($"{Repository("child")}:ex-main"),
            Cascade.Stacks.Platform.Parse(Fingerprinter.HostPlatform), CancellationToken.None);
        var inputs = FingerprintInputs.FromLabel(image!.Labels.GetValueOrDefault(FingerprintInputs.Label));
        inputs.Should().NotBeNull();
        inputs!.Hash().Should().Be(image.Labels["cascade.fingerprint"]);
        inputs.Parents.Select(p => p.Name).Should().Equal("app");
    }
}
