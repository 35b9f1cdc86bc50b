using System.Text.Json.Nodes;
using Cascade.Stacks;
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

    private const string Repository = "local/cascade-test";

    /// <summary>A pull request's payload: its number, base commit, and the repository its branch lives in.</summary>
    internal static JsonObject PullRequest(int number, string baseSha, string headRepository = Repository) => new()
    {
        ["pull_request"] = new JsonObject
        {
            ["number"] = number,
            ["base"] = new JsonObject { ["sha"] = baseSha },
            ["head"] = new JsonObject { ["repo"] = new JsonObject { ["full_name"] = headRepository } },
        },
    };

    /// <summary>Only a job that found no compiled Cascade in the cache compiles it: at most the plan job, which every
    /// other job needs, so the image jobs always start it without compiling.</summary>
    private static void CompiledAtMostInThePlanJob(LocalRun run)
    {
        run.Logs("").Where(l => WorkflowRepo.Compiled(l.Value)).Select(l => l.Key).Should()
            .BeSubsetOf(["plan"], "the image jobs and the wiki job restore Cascade compiled\n" + run);
    }

    /// <summary>Main after a full first run (a dispatch with all): every image is in the registry.</summary>
    private static async Task<(WorkflowRepo Repo, string Commit)> SeededAsync(RegistryFixture registry, bool upstream = false)
    {
        var repo = new WorkflowRepo(registry.Host, upstream: upstream);
        if (upstream) repo.PushUpstream("v1");
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
        WorkflowRepo.Compiled(run.Logs("plan").Single().Value).Should().BeTrue("the repository's first run: nothing in the cache yet");
        CompiledAtMostInThePlanJob(run);

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
        run.Logs("").Values.Should().NotContain(l => WorkflowRepo.Compiled(l),
            "build/ did not change since the last run: every job, the plan job too, restores Cascade compiled\n" + run);

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
    public async Task A_push_to_another_branch_runs_nothing_its_pull_request_does()
    {
        using var repo = new WorkflowRepo(registry.Host);
        await repo.GenerateAndCommitAsync();
        repo.Git.Git("checkout", "-q", "-b", "feature");
        var head = repo.Change("leaf");

        var run = await LocalRun.ExecuteAsync(repo, "push", Push(new string('0', 40)), head, "refs/heads/feature");

        run.Triggered.Should().BeFalse("pushes run on the default branch and tags: a branch with an open pull request is not built twice\n" + run);
    }

    [Fact]
    public async Task The_first_push_of_a_new_repository_builds_every_image_once()
    {
        using var repo = new WorkflowRepo(registry.Host);
        var first = await repo.GenerateAndCommitAsync();

        // The repository's first push: GitHub sends an all-zero `before`, and main's merge base with main is itself.
        var run = await LocalRun.ExecuteAsync(repo, "push", Push(new string('0', 40)), first, "refs/heads/main");

        run.ImageResults.Values.Should().AllBe("success", run.ToString());
        foreach (var image in WorkflowRepo.Images)
        {
            run.Builds(image).Should().Be(1, $"{image} is built once, by its own job\n{run}");
            (await repo.TagsAsync(image)).Should().Contain([WorkflowRepo.ShaTag(first), "wf-main"], run.ToString());
        }
        CompiledAtMostInThePlanJob(run);
    }

    [Fact]
    public async Task A_pull_request_changing_the_root_builds_it_once_pushes_fingerprint_tags_only_and_moves_no_tag()
    {
        var (repo, seed) = await SeededAsync(registry);
        using var _ = repo;
        using var api = new FakeGitHubApi("local-token");
        var before = await NamedTagDigestsAsync(repo);
        repo.Git.Git("checkout", "-q", "-b", "topic");
        var head = repo.Change("root");

        var run = await LocalRun.ExecuteAsync(repo, "pull_request", PullRequest(7, seed), head, "refs/pull/7/merge", headRef: "topic", baseRef: "main",
            apiUrl: api.Url);

        run.ImageResults.Values.Should().AllBe("success", run.ToString());
        foreach (var image in WorkflowRepo.Images)
            run.Builds(image).Should().Be(1, $"{image} is built by its own job alone: each child pulls its parent by its fingerprint tag\n{run}");
        (await NamedTagDigestsAsync(repo)).Should().BeEquivalentTo(before, "no branch tag, no sha- tag, nothing a user pulls by name moves\n" + run);
        foreach (var image in WorkflowRepo.Images)
            (await repo.TagsAsync(image)).Where(t => !t.StartsWith("fp-")).Should().BeEquivalentTo(before[image].Keys, image);
        (await repo.TagsAsync("root")).Count(t => t.StartsWith("fp-")).Should().Be(2, "the seed's fingerprint tag and the pull request's");
        run.Result(WikiJob.Id).Should().Be("skipped", "a pull request records nothing");
        WikiLedger(repo, run).Should().HaveCount(1, "the seed's entry only");
        run.Result(DiffJob.Id).Should().Be("success", run.ToString());
        api.Comments.Should().ContainSingle("the diff job keeps one comment on the pull request").Which.Issue.Should().Be(7);
        CompiledAtMostInThePlanJob(run);
    }

    [Fact]
    public async Task A_fork_s_pull_request_logs_in_nowhere_hands_images_over_as_artifacts_builds_each_once_and_writes_nothing()
    {
        var (repo, seed) = await SeededAsync(registry);
        using var _ = repo;
        using var api = new FakeGitHubApi("local-token");
        var before = await AllTagsAsync(repo);
        repo.Git.Git("checkout", "-q", "-b", "from-a-fork");
        var head = repo.Change("root");

        var run = await LocalRun.ExecuteAsync(repo, "pull_request", PullRequest(9, seed, headRepository: "someone/cascade-test"), head,
            "refs/pull/9/merge", headRef: "from-a-fork", baseRef: "main", fork: true, apiUrl: api.Url);

        run.ImageResults.Values.Should().AllBe("success", run.ToString());
        foreach (var image in WorkflowRepo.Images)
        {
            run.Builds(image).Should().Be(1, $"{image} is built once: its children load it from the run's artifacts\n{run}");
            run.Logs($"image-{image}/").Single().Value.Should().Contain("--- Log in to the registry: skipped", "a fork has no secrets");
        }
        run.Artifacts.Where(a => a.StartsWith(ForkHandOver.ArtifactPrefix)).Should()
            .Equal(["saved-image-mid", "saved-image-root"], "the images with children save themselves; the leaves do not");
        (await AllTagsAsync(repo)).Should().BeEquivalentTo(before, "a fork's pull request writes nothing to the registry\n" + run);
        run.Result(WikiJob.Id).Should().Be("skipped");
        run.Result(DiffJob.Id).Should().Be("success", run.ToString());
        run.Logs(DiffJob.Id).Single().Value.Should().MatchRegex(@"\nroot +changed ", "the report, in the job's log and summary");
        api.Requests.Should().BeEmpty("a fork's pull request gets the job summary only, no comment");
        CompiledAtMostInThePlanJob(run);
    }

    [Fact]
    public async Task A_scheduled_run_after_an_external_base_moved_rebuilds_only_its_subtree_and_the_refresh_rebuilds_all()
    {
        var (repo, seed) = await SeededAsync(registry, upstream: true);
        using var _ = repo;
        var old = await ManifestDigestAsync(repo.Upstream);
        repo.PushUpstream("v2");
        var moved = await ManifestDigestAsync(repo.Upstream);

        var drift = await LocalRun.ExecuteAsync(repo, "schedule", new JsonObject { ["schedule"] = new CiSettings().Schedule }, seed, "refs/heads/main");

        drift.ImageResults.Should().Equal(new Dictionary<string, string>
        {
            ["root"] = "skipped", ["mid"] = "success", ["leaf"] = "success", ["sib"] = "skipped",
        }, "only the drifted subtree gets image jobs: root and sib are left out of the plan, found by their fingerprints\n" + drift);
        drift.Result(ReusedJob.Id).Should().Be("success", drift.ToString());
        drift.ImageStatuses.Should().Equal(new Dictionary<string, string>
        {
            ["root"] = "reused", ["mid"] = "succeeded", ["leaf"] = "succeeded", ["sib"] = "reused",
        }, "mid copies from the moved base, leaf stands on mid; one job tags and records root and sib\n" + drift);
        WorkflowRepo.Images.ToDictionary(i => i, drift.Builds).Should().Equal(new Dictionary<string, int>
        {
            ["root"] = 0, ["mid"] = 1, ["leaf"] = 1, ["sib"] = 0,
        }, drift.ToString());
        drift.Logs("plan").Single().Value.Should().Contain($"base {repo.Upstream} moved: {old} → {moved}", "the plan names the base and both digests");
        WikiLedger(repo, drift).Last()["images"]!.AsArray().Select(i => $"{i!["name"]} {i["status"]}").Should()
            .Equal(["root reused", "mid succeeded", "leaf succeeded", "sib reused"], "the run's one entry, from the image jobs and the reused job");

        var refresh = await LocalRun.ExecuteAsync(repo, "schedule", new JsonObject { ["schedule"] = new CiSettings().RefreshSchedule }, seed, "refs/heads/main");

        refresh.ImageStatuses.Values.Should().AllBe("succeeded", "the weekly refresh builds every image again\n" + refresh);
        refresh.Result(ReusedJob.Id).Should().Be("skipped", "the refresh leaves nothing out");
    }

    private static async Task<string> ManifestDigestAsync(string reference)
    {
        using var http = new HttpClient();
        return (await new Cascade.Registry.RegistryClient(http, _ => null).ManifestExistsAsync(reference, CancellationToken.None))!;
    }

    private static async Task<Dictionary<string, IReadOnlyList<string>>> AllTagsAsync(WorkflowRepo repo)
    {
        var tags = new Dictionary<string, IReadOnlyList<string>>();
        foreach (var image in WorkflowRepo.Images) tags[image] = await repo.TagsAsync(image);
        return tags;
    }

    /// <summary>Per image, every tag but the fingerprint tags — the names a user pulls — and the manifest each names.</summary>
    private static async Task<Dictionary<string, Dictionary<string, string?>>> NamedTagDigestsAsync(WorkflowRepo repo)
    {
        using var http = new HttpClient();
        var client = new Cascade.Registry.RegistryClient(http, _ => null);
        var all = new Dictionary<string, Dictionary<string, string?>>();
        foreach (var image in WorkflowRepo.Images)
        {
            all[image] = [];
            foreach (var tag in (await repo.TagsAsync(image)).Where(t => !t.StartsWith("fp-")))
                all[image][tag] = await client.ManifestExistsAsync($"{repo.RepositoryPrefix}{image}:{tag}", CancellationToken.None);
        }
        return all;
    }
}

/// <summary>The end-to-end workflow runs take a minute each and build on the shared daemon: one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class WorkflowRunCollection
{
    public const string Name = "workflow runs";
}
