using System.Text.Json.Nodes;
using Cascade.Tests.Support;
using Cascade.Workflows;

namespace Cascade.Tests.Workflows;

/// <summary>
/// The generated build-test-push workflow, run end to end by the local executor on the real Docker engine
/// and a real registry on 127.0.0.1: every job on a clean runner, so a child gets its parent only through the
/// registry. The stack: root → mid → leaf, root → sib.
/// </summary>
[Collection(WorkflowRunCollection.Name)]
[Trait(Needs.Trait, Needs.Docker), Trait(Needs.Trait, Needs.Registry)]
public class WorkflowRunTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    private static JsonObject Push(string before) => new() { ["before"] = before };

    /// <summary>Main after a full first run (a dispatch with all): every image is in the registry.</summary>
    private static async Task<(WorkflowRepo Repo, string Commit)> SeededAsync(RegistryFixture registry)
    {
        var repo = new WorkflowRepo(registry.Host);
        var commit = await repo.GenerateAndCommitAsync();
        var run = await LocalRun.ExecuteAsync(repo, "workflow_dispatch", new JsonObject(), commit, "refs/heads/main",
            inputs: new JsonObject { ["all"] = true });
        run.ImageResults.Values.Should().AllBe("success", run.ToString());
        return (repo, commit);
    }

    [Fact]
    public async Task The_root_changed_builds_and_pushes_every_image()
    {
        using var repo = new WorkflowRepo(registry.Host);
        var first = await repo.GenerateAndCommitAsync();
        var change = repo.Change("root");

        var run = await LocalRun.ExecuteAsync(repo, "push", Push(first), change, "refs/heads/main");

        run.Result("plan").Should().Be("success", run.ToString());
        run.ImageResults.Values.Should().AllBe("success", run.ToString());
        foreach (var image in WorkflowRepo.Images)
            (await repo.TagsAsync(image)).Should().Contain(WorkflowRepo.ShaTag(change), $"{image} is pushed\n{run}");

        // The wiki job: one entry for the whole run, merged from the four jobs' entries, and the pages.
        run.Result(WikiJob.Id).Should().Be("success", run.ToString());
        var entry = WikiLedger(repo, run).Single();
        (entry["kind"]!.GetValue<string>(), entry["commit"]!.GetValue<string>(), entry["branch"]!.GetValue<string>())
            .Should().Be(("push", change, "main"));
        var images = entry["images"]!.AsArray();
        images.Select(i => i!["name"]!.GetValue<string>()).Should().Equal(["root", "mid", "leaf", "sib"], "the stack's order, each once");
        images.Should().OnlyContain(i => i!["status"]!.GetValue<string>() == "succeeded" && i["facts"]!["layers"]!.AsArray().Count > 0,
            "each runner gathered its own image's facts");
        var rootDigest = images[0]!["digest"]!.GetValue<string>();
        repo.WikiFiles().Should().Contain(["Home.md", "Stable.md", "Stack.md", $"root-{rootDigest[7..19]}.md"]);
        repo.WikiFile("Home.md").Should().Contain($"[root](root-{rootDigest[7..19]})");
    }

    private static List<JsonNode> WikiLedger(WorkflowRepo repo, LocalRun run)
    {
        var text = repo.WikiFile("ledger.json");
        text.Should().NotBeNull($"the wiki has a ledger\n{run}");
        return JsonNode.Parse(text!)!["entries"]!.AsArray().Select(e => e!).ToList();
    }

    [Fact]
    public async Task One_leaf_changed_builds_only_its_job_from_its_parent_in_the_registry()
    {
        var (repo, seed) = await SeededAsync(registry);
        using var _ = repo;
        var change = repo.Change("leaf");

        var run = await LocalRun.ExecuteAsync(repo, "push", Push(seed), change, "refs/heads/main");

        run.ImageResults.Should().Equal(new Dictionary<string, string>
        {
            ["root"] = "skipped", ["mid"] = "skipped", ["leaf"] = "success", ["sib"] = "skipped",
        }, run.ToString());
        (await repo.TagsAsync("leaf")).Should().Contain(WorkflowRepo.ShaTag(change), run.ToString());
        (await repo.TagsAsync("mid")).Should().NotContain(WorkflowRepo.ShaTag(change));

        // The seed's entry, then this run's: leaf from its job, the rest as its job saw them, unchanged.
        var entries = WikiLedger(repo, run);
        entries.Should().HaveCount(2, run.ToString());
        entries[1]["images"]!.AsArray().Select(i => $"{i!["name"]} {i["status"]}").Should()
            .Equal("root unchanged", "mid unchanged", "leaf succeeded", "sib unchanged");
    }

    [Fact]
    public async Task A_failed_build_skips_only_its_descendants_and_the_rest_is_pushed()
    {
        using var repo = new WorkflowRepo(registry.Host);
        var first = await repo.GenerateAndCommitAsync();
        File.AppendAllText(repo.Git.PathOf("images/root/Dockerfile"), "RUN echo v2 > /version\n");
        File.AppendAllText(repo.Git.PathOf("images/mid/Dockerfile"), "RUN exit 3\n");
        var change = repo.Git.Commit("root changed, mid broken");

        var run = await LocalRun.ExecuteAsync(repo, "push", Push(first), change, "refs/heads/main");

        run.ImageResults.Should().Equal(new Dictionary<string, string>
        {
            ["root"] = "success", ["mid"] = "failure", ["leaf"] = "skipped", ["sib"] = "success",
        }, run.ToString());
        (await repo.TagsAsync("sib")).Should().Contain(WorkflowRepo.ShaTag(change), run.ToString());
        (await repo.TagsAsync("mid")).Should().BeEmpty();
        (await repo.TagsAsync("leaf")).Should().BeEmpty();
    }

    [Fact]
    public async Task A_new_branch_builds_what_it_changed_since_the_default_branch()
    {
        var (repo, _) = await SeededAsync(registry);
        using var __ = repo;
        repo.Git.Git("checkout", "-q", "-b", "feature");
        repo.Change("sib");
        var head = repo.Change("leaf");

        // A branch's first push: GitHub sends an all-zero `before`.
        var run = await LocalRun.ExecuteAsync(repo, "push", Push(new string('0', 40)), head, "refs/heads/feature");

        run.ImageResults.Should().Equal(new Dictionary<string, string>
        {
            ["root"] = "skipped", ["mid"] = "skipped", ["leaf"] = "success", ["sib"] = "success",
        }, run.ToString());
        (await repo.TagsAsync("leaf")).Should().Contain(WorkflowRepo.ShaTag(head), run.ToString());
    }

    [Fact]
    public async Task A_pull_request_builds_and_tests_and_pushes_nothing()
    {
        var (repo, seed) = await SeededAsync(registry);
        using var _ = repo;
        var tagsBefore = await AllTagsAsync(repo);
        repo.Git.Git("checkout", "-q", "-b", "topic");
        var head = repo.Change("mid");

        var run = await LocalRun.ExecuteAsync(repo, "pull_request",
            new JsonObject { ["pull_request"] = new JsonObject { ["number"] = 7, ["base"] = new JsonObject { ["sha"] = seed } } },
            head, "refs/pull/7/merge", headRef: "topic", baseRef: "main");

        run.ImageResults.Should().Equal(new Dictionary<string, string>
        {
            ["root"] = "skipped", ["mid"] = "success", ["leaf"] = "success", ["sib"] = "skipped",
        }, run.ToString());
        (await AllTagsAsync(repo)).Should().BeEquivalentTo(tagsBefore, "a pull request pushes nothing\n" + run);
        run.Result(WikiJob.Id).Should().Be("skipped", "a pull request records nothing");
        WikiLedger(repo, run).Should().HaveCount(1, "the seed's entry only");
    }

    private static async Task<Dictionary<string, IReadOnlyList<string>>> AllTagsAsync(WorkflowRepo repo)
    {
        var tags = new Dictionary<string, IReadOnlyList<string>>();
        foreach (var image in WorkflowRepo.Images) tags[image] = await repo.TagsAsync(image);
        return tags;
    }
}

/// <summary>The end-to-end workflow runs take a minute each and build on the shared daemon: one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class WorkflowRunCollection
{
    public const string Name = "workflow runs";
}
