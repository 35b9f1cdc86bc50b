using Cascade.Changes;
using Cascade.Changes.Fingerprints;
using Cascade.Stacks;
using Cascade.Tests.Support;

namespace Cascade.Tests.Changes;

/// <summary>A fingerprint's inputs: the one record that is hashed and recorded on the image; what a diff of two names;
/// what git names between two context trees of a real repository.</summary>
public sealed class FingerprintInputsTests : IDisposable
{
    private readonly GitSandbox repo = DemoStack.CreateRepo();

    public void Dispose() => repo.Dispose();

    private static readonly ImageSpec App = new()
    {
        Name = "app", Repository = "ghcr.io/o/app", Context = "app", DependOn = ["base", "tools"],
        BuildArgs = new Dictionary<string, string> { ["PY_VER"] = "3.11", ["A"] = "1" }, ExternalBases = ["quay.io/x/y:1"],
    };

    private static FingerprintInputs Inputs(ImageSpec? image = null, string tree = "1111111111111111111111111111111111111111",
        string? digest = "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", string baseFingerprint = "sha256:p1") =>
        FingerprintInputs.Of(image ?? App, "linux/amd64", new ContextId(tree, false),
            [new ImageFingerprint(baseFingerprint, false, "linux/amd64"), new ImageFingerprint("sha256:p2", false, "linux/amd64")],
            new Dictionary<string, string?> { ["quay.io/x/y:1"] = digest }) with { DockerfileId = "d0" };

    private static IReadOnlyList<string> Diff(FingerprintInputs before, FingerprintInputs now) =>
        InputsDiff.Between(before, now, (_, _) => ["images/app/start.sh changed"]);

    [Fact]
    public void The_hashed_text_is_the_format_every_existing_fp_tag_was_made_with()
    {
        // Format 1, byte for byte: a change here invalidates every pushed fp- tag, so it needs a FormatVersion bump.
        const string text = "cascade-fingerprint 1\nplatform linux/amd64\ncontext 1111111111111111111111111111111111111111\n" +
                            "dockerfile Dockerfile\nbuild-arg A=1\nbuild-arg PY_VER=3.11\nparent sha256:p1\nparent sha256:p2\n" +
                            "base quay.io/x/y:1 sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n";
        Inputs().Text().Should().Be(text);
        Inputs().Hash().Should().Be("sha256:" + Convert.ToHexStringLower(
            System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text))));
    }

    [Fact]
    public void A_label_carries_the_Dockerfiles_blob_id_as_git_computes_it_and_it_is_not_hashed()
    {
        using var folder = new TempFolder();
        folder.Write("app/Dockerfile", "FROM scratch\n");
        var planned = Inputs() with { DockerfileId = null };

        // `git hash-object` of "FROM scratch\n": a blob is "blob <size>\0<bytes>", hashed with SHA-1.
        planned.WithDockerfileOf(folder.Path, App).DockerfileId.Should().Be(
            Convert.ToHexStringLower(System.Security.Cryptography.SHA1.HashData(System.Text.Encoding.ASCII.GetBytes("blob 13\0FROM scratch\n"))));
        planned.WithDockerfileOf(folder.Path, App with { Dockerfile = "missing.Dockerfile" }).DockerfileId.Should().BeNull();
        planned.Hash().Should().Be(Inputs().Hash(), "the Dockerfile's id is for the reader: it is not hashed");
    }

    [Fact]
    public void The_label_gives_back_the_same_inputs_and_a_foreign_label_gives_none()
    {
        var label = Inputs().ToLabel();
        FingerprintInputs.FromLabel(label).Should().Be(Inputs());
        FingerprintInputs.FromLabel(label)!.Hash().Should().Be(Inputs().Hash());
        label.Should().Contain("\"name\":\"base\"").And.Contain("\"dockerfile_id\":\"d0\"");
        FingerprintInputs.FromLabel(null).Should().BeNull();
        FingerprintInputs.FromLabel("{\"format\":1}").Should().BeNull();
        FingerprintInputs.FromLabel("not json").Should().BeNull();
    }

    [Fact]
    public void Equal_inputs_name_nothing()
    {
        Diff(Inputs(), Inputs()).Should().BeEmpty();
    }

    [Fact]
    public void Each_moved_input_is_named_once_and_nothing_else()
    {
        var now = Inputs(App with { BuildArgs = new Dictionary<string, string> { ["PY_VER"] = "3.12", ["B"] = "2" } },
            tree: "2222222222222222222222222222222222222222",
            digest: "sha256:cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc", baseFingerprint: "sha256:p9");

        Diff(Inputs(), now).Should().Equal(
            "context: images/app/start.sh changed",
            "build arg A: 1 → (none)",
            "build arg B: (none) → 2",
            "build arg PY_VER: 3.11 → 3.12",
            "parent base rebuilt",
            "base quay.io/x/y:1: sha256:aaaaaaaaaaaa… → sha256:cccccccccccc…");
    }

    [Fact]
    public void Parents_and_bases_are_compared_by_name_and_an_unresolved_base_says_so()
    {
        var now = Inputs(App with { DependOn = ["base", "other"], ExternalBases = ["quay.io/x/y:1"] }, digest: null);

        Diff(Inputs(), now).Should().Equal(
            "parent other added", "parent tools removed", "base quay.io/x/y:1: sha256:aaaaaaaaaaaa… → unresolved");
    }

    [Fact]
    public void Without_the_previous_tree_the_context_is_said_to_have_changed_and_a_moved_dockerfile_is_named()
    {
        var before = Inputs();
        var now = Inputs(tree: "2222222222222222222222222222222222222222") with { DockerfileId = "d1" };

        InputsDiff.Between(before, now, (_, _) => null).Should().Equal(
            "context: Dockerfile changed, and maybe more (tree 1111111111111111111111111111111111111111 is not in this repository: git cannot name the files)");
        InputsDiff.Between(before, now with { DockerfileId = "d0" }, (_, _) => null).Single().Should().StartWith("context: changed (tree ");
    }

    [Fact]
    public void Git_names_the_files_between_two_context_trees_from_the_repository_root()
    {
        var before = repo.Git("rev-parse", "HEAD:images/left").Trim();
        repo.Write("images/left/start.sh", "echo hi\n").Write("images/left/Dockerfile", "FROM scratch\nLABEL name=left2\n")
            .Delete("images/left/test/check.sh");
        repo.Commit("left moves");
        var now = repo.Git("rev-parse", "HEAD:images/left").Trim();
        var diff = new ContextTreeDiff(repo.PathOf("images"));

        diff.Files("left", before, now).Should().Equal(
            "images/left/Dockerfile changed", "images/left/start.sh added", "images/left/test/check.sh removed");
        diff.Files("left", before, "0123456789012345678901234567890123456789").Should().BeNull("git has no such tree");
        diff.Files("left", "--output=/tmp/x", now).Should().BeNull("only an object id is handed to git");
    }

    [Fact]
    public void An_explanation_says_why_when_there_is_nothing_to_compare_with()
    {
        ImageExplanation.NoPreviousBuild("app", ["r/app:dr-x", "r/app:dr-main"]).Lines.Should()
            .Equal("no previous build: neither r/app:dr-x nor r/app:dr-main is in the registry");
        ImageExplanation.NoPreviousBuild("app", ["r/app:dr-main"]).Lines.Should().Equal("no previous build: r/app:dr-main is not in the registry");
        ImageExplanation.Compared("app", "r/app:dr-main", null, Inputs(), (_, _) => []).Lines.Single().Should()
            .Contain("does not record its fingerprint's inputs").And.Contain(FingerprintInputs.Label);
        ImageExplanation.Compared("app", "r/app:dr-main", Inputs().ToLabel(), Inputs(), (_, _) => []).Lines.Should()
            .Equal("no input differs from r/app:dr-main: Build reuses it (--no-reuse --images app builds it again)");
    }
}
