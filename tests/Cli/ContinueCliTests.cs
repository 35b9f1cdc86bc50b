using Cascade.Pipeline;
using Cascade.Registry;
using Cascade.Stacks;
using Cascade.Tests.Support;

namespace Cascade.Tests.Cli;

/// <summary>
/// `--continue` finishes what was left, on the real daemon and a real registry: after a Push that failed at one
/// image's test, the continued Push tests and pushes that image (and only redoes what it had not done), and
/// no stage target that left an image of its stage undone says "Succeeded".
/// </summary>
[Trait(Needs.Trait, Needs.Docker)]
[Trait(Needs.Trait, Needs.Registry)]
public sealed class ContinueCliTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    /// <summary>root → a, b; b's integration test passes only once the file it looks for (outside the stack, so
    /// in no image's content) exists: fixing the cause changes neither a fingerprint nor the commit.</summary>
    private sealed class ForkRepo : IDisposable
    {
        public const string Fix = "b-is-fixed";

        public CliRepo Repo { get; } = new();
        public string Owner { get; } = $"cascade-cont-{Guid.NewGuid():N}"[..26];
        public string Commit { get; }

        public ForkRepo(string registryHost)
        {
            Repo.Write("images/spec.yml", $"""
                registry: {registryHost}
                owner: {Owner}
                images:
                  root: {"{}"}
                  a:
                    depend_on: root
                  b:
                    depend_on: root
                    integration_tests: test -f {Fix}
                """)
                .Write("images/root/Dockerfile",
                    $"FROM scratch\nLABEL cascade.test.stack={Owner}\nCOPY busybox /bin/busybox\n" +
                    "RUN [\"/bin/busybox\",\"--install\",\"-s\",\"/bin\"]\n")
                .Write("images/a/Dockerfile", "ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\nRUN echo a > /etc/a-marker\n")
                .Write("images/b/Dockerfile", "ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\nRUN echo b > /etc/b-marker\n")
                .WriteExecutable("images/a/test/a.sh", "#!/bin/sh\ngrep -q a /etc/a-marker\n")
                .WriteExecutable("images/b/test/b.sh", "#!/bin/sh\ngrep -q b /etc/b-marker\n")
                .Write(".gitignore", Fix + "\n");
            File.Copy("/bin/busybox", Repo.PathOf("images/root/busybox"));
            Commit = Repo.Commit("fork");
        }

        public void Dispose()
        {
            DockerTestCleanup.RemoveImagesWithPrefix(Owner);
            Repo.Dispose();
        }
    }

    private static void Row(CascadeRun run, string target, string status) =>
        run.Output.Should().MatchRegex($@"(?m)^{target}\s+{status}\b", run.ToString());

    private async Task<IReadOnlyList<string>> TagsAsync(ForkRepo f, string image)
    {
        using var http = new HttpClient();
        return await new RegistryClient(http, _ => null).ListTagsAsync($"{registry.Host}/{f.Owner}/{image}", CancellationToken.None);
    }

    [Fact]
    public async Task Continue_after_a_failed_test_tests_and_pushes_that_image_and_redoes_nothing_else()
    {
        using var f = new ForkRepo(registry.Host);
        var repo = f.Repo;
        var results = repo.PathOf("out/r.json");
        var sha = ImageTags.ShaTag(f.Commit);

        var first = await repo.RunAsync("Push", "--all", "--branch", "main", "--results-file", "out/r.json");

        first.ExitCode.Should().Be(1, first.ToString());
        Row(first, "Build", "Succeeded");
        Row(first, "Test", "Failed");
        Row(first, "Push", "Failed");
        first.Output.Should().Contain("b: not pushed: its test failed", "the Push target names what it left undone");
        (await TagsAsync(f, "a")).Should().Contain(["main", sha], first.ToString());
        (await TagsAsync(f, "b")).Should().BeEmpty("b failed its test");

        File.WriteAllText(repo.PathOf(ForkRepo.Fix), "fixed\n");
        var continued = await repo.RunAsync("Push", "--all", "--branch", "main", "--results-file", "out/r.json", "--continue");

        continued.ExitCode.Should().Be(0, continued.ToString());
        continued.StackTraceLines.Should().BeEmpty(continued.ToString());
        Row(continued, "Plan", "Skipped");
        Row(continued, "Build", "Skipped");
        Row(continued, "Test", "Succeeded");
        Row(continued, "Push", "Succeeded");
        (await TagsAsync(f, "b")).Should().Contain(["main", sha], continued.ToString());
        continued.Output.Should().Contain("[b] testing").And.Contain("[b] pushing")
            .And.NotContain("[b] building").And.NotContain("[a] testing").And.NotContain("[root] testing");
        continued.Output.Should().Contain("Push: 1 image(s) pushed, 2 done in the previous run");
        var after = BuildCliTests.Results(results);
        after["root"].Reason.Should().Be(DagScheduler.ContinuedReason);
        after["a"].Reason.Should().Be(DagScheduler.ContinuedReason);
        // b's build was the first run's: found by its fingerprint now, tested and pushed.
        after["b"].Status.Should().Be("reused", continued.ToString());
        after["b"].Stage.Should().Be("push");
        after["b"].Reason.Should().StartWith("continued after its build in the previous run; reused fp-");

        // Nothing is left: continuing again does nothing, and says so.
        var again = await repo.RunAsync("Push", "--all", "--branch", "main", "--results-file", "out/r.json", "--continue");
        again.ExitCode.Should().Be(0, again.ToString());
        Row(again, "Push", "Skipped");
    }

    [Fact]
    public async Task Continue_after_a_fix_that_is_committed_gives_every_image_the_new_commit_s_tags()
    {
        using var f = new ForkRepo(registry.Host);
        var repo = f.Repo;
        var first = await repo.RunAsync("Push", "--all", "--branch", "main");
        first.ExitCode.Should().Be(1, first.ToString());

        // The fix is a commit (outside every image's content): each image's sha- tag is now another one.
        repo.Write(".gitignore", "").Write(ForkRepo.Fix, "fixed\n");
        var fixedCommit = repo.Commit("fix b's test");
        var continued = await repo.RunAsync("Push", "--all", "--branch", "main", "--continue");

        continued.ExitCode.Should().Be(0, continued.ToString());
        continued.Output.Should().NotContain("building", "every image's content is what the first run built");
        foreach (var image in new[] { "root", "a", "b" })
            (await TagsAsync(f, image)).Should().Contain(["main", ImageTags.ShaTag(fixedCommit)], $"{image}\n{continued}");
    }
}
