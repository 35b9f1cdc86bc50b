using Cascade.Changes.Fingerprints;
using Cascade.Stacks;
using Cascade.Tests.Support;

namespace Cascade.Tests.Changes;

/// <summary>Fingerprints on a real git repository: what changes them, and what must not.</summary>
public sealed class FingerprintTests : IDisposable
{
    private readonly GitSandbox repo = DemoStack.CreateRepo();

    public void Dispose() => repo.Dispose();

    private IReadOnlyDictionary<string, ImageFingerprint> Compute(GitSandbox? at = null)
    {
        var loaded = SpecLoader.Load((at ?? repo).PathOf("images"));
        return Fingerprinter.Compute(loaded.Spec, loaded.Graph, new Dictionary<string, string?>());
    }

    private string Of(string image, GitSandbox? at = null) => Compute(at)[image].Value;

    [Fact]
    public void A_fingerprint_is_a_full_sha256_and_the_same_on_every_run()
    {
        var first = Compute();
        first["leaf"].Value.Should().MatchRegex("^sha256:[0-9a-f]{64}$");
        first["leaf"].Tag.Should().Be("fp-" + first["leaf"].Value[7..23]);
        Compute().Should().BeEquivalentTo(first);
    }

    [Fact]
    public void A_clone_has_the_same_fingerprints()
    {
        using var clone = new GitSandbox(init: false);
        repo.Git("clone", "-q", repo.Root, clone.PathOf("c"));
        var cloned = SpecLoader.Load(clone.PathOf("c/images"));
        Fingerprinter.Compute(cloned.Spec, cloned.Graph, new Dictionary<string, string?>())
            .Should().BeEquivalentTo(Compute());
    }

    [Fact]
    public void A_walked_context_has_git_s_own_tree_id()
    {
        repo.Write("images/base/bin/run.sh", "#!/bin/sh\necho hi\n").Write("images/base/deep/a/b.txt", "b\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(repo.PathOf("images/base/bin/run.sh"), (UnixFileMode)0b111_101_101);
        File.CreateSymbolicLink(repo.PathOf("images/base/link"), "deep/a/b.txt");
        repo.Commit();

        var walked = new ContextContent(repo.PathOf("images"), git: null).Of("base", "Dockerfile");

        walked.TreeId.Should().Be(repo.Git("rev-parse", "HEAD:images/base").Trim());
    }

    [Fact]
    public void Untracked_content_equal_to_the_commit_s_gives_the_commit_s_fingerprint()
    {
        var committed = Compute()["base"];
        repo.Git("rm", "-q", "--cached", "images/base/test/check.sh"); // on disk still, now untracked

        var untracked = Compute()["base"];

        untracked.Value.Should().Be(committed.Value);
        untracked.Dirty.Should().BeTrue("the file is not in the commit");
    }

    [Fact]
    public void A_context_file_changes_the_image_and_everything_below_it_only()
    {
        var before = Compute();
        repo.Write("images/left/extra.txt", "new\n").Commit();
        var after = Compute();

        after["left"].Value.Should().NotBe(before["left"].Value);
        after["leaf"].Value.Should().NotBe(before["leaf"].Value, "a parent's content is part of its child");
        after["base"].Value.Should().Be(before["base"].Value);
        after["right"].Value.Should().Be(before["right"].Value);
    }

    [Fact]
    public void A_build_arg_changes_it_but_a_comment_in_the_spec_does_not()
    {
        var before = Of("base");
        repo.Write("images/spec.yml", DemoStack.SpecText.Replace("# the demo stack", "# a new comment\n# more")).Commit();
        Of("base").Should().Be(before);

        repo.Write("images/spec.yml", DemoStack.SpecText.Replace("A: \"1\"", "A: \"9\"")).Commit();
        Of("base").Should().NotBe(before);
    }

    [Fact]
    public void A_new_commit_that_touches_nothing_of_the_image_keeps_it()
    {
        var before = Compute();
        repo.Write("README.md", "other\n").Write("images/right/x.txt", "x\n").Commit();
        var after = Compute();

        after["left"].Should().Be(before["left"]);
        after["base"].Should().Be(before["base"]);
    }

    [Fact]
    public void A_dockerignored_file_does_not_change_it()
    {
        repo.Write("images/left/.dockerignore", "*.log\n").Commit();
        var before = Of("left");

        repo.Write("images/left/debug.log", "noise\n");

        Of("left").Should().Be(before);
    }

    [Fact]
    public void A_committed_file_that_dockerignore_leaves_out_does_not_change_it()
    {
        repo.Write("images/left/.dockerignore", "notes.txt\n").Write("images/left/notes.txt", "one\n").Commit();
        var before = Of("left");

        repo.Write("images/left/notes.txt", "two\n").Commit();

        Of("left").Should().Be(before, "the clean context is read as sent, not as git's tree");
    }

    [Fact]
    public void An_uncommitted_edit_changes_it_and_marks_it_dirty_until_reverted()
    {
        var clean = Compute()["left"];
        clean.Dirty.Should().BeFalse();

        repo.Write("images/left/Dockerfile", "FROM scratch\nLABEL name=edited\n");
        var edited = Compute();
        edited["left"].Value.Should().NotBe(clean.Value);
        edited["left"].Dirty.Should().BeTrue();
        edited["leaf"].Dirty.Should().BeTrue("it is built on the dirty image");

        repo.Write("images/left/Dockerfile", "FROM scratch\nLABEL name=left\n");
        Compute()["left"].Should().Be(clean);
    }

    [Fact]
    public void Outside_git_the_content_is_hashed_from_disk_to_the_same_fingerprint()
    {
        using var copy = new GitSandbox(init: false);
        repo.Git("clone", "-q", repo.Root, copy.PathOf("c"));
        Directory.Delete(copy.PathOf("c/.git"), recursive: true);
        var loaded = SpecLoader.Load(copy.PathOf("c/images"));

        Fingerprinter.Compute(loaded.Spec, loaded.Graph, new Dictionary<string, string?>())["leaf"]
            .Should().Be(Compute()["leaf"]);
    }

    [Fact]
    public void An_external_base_enters_by_digest_when_known()
    {
        var spec = SpecLoader.Load(repo.PathOf("images")).Spec;
        var image = spec["base"] with { ExternalBases = ["quay.io/x/y:1"] };
        string Text(string? digest) => FingerprintInputs.Of(image, "linux/amd64", new ContextId("tree", false), [],
            new Dictionary<string, string?> { ["quay.io/x/y:1"] = digest }).Text();

        Text("sha256:aaa").Should().Contain("base quay.io/x/y:1 sha256:aaa");
        Text(null).Should().Contain("base quay.io/x/y:1 unresolved");
    }
}
