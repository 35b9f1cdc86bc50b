using System.Text.Json.Nodes;
using Cascade.Tests.Setup;
using Cascade.Tests.Support;

namespace Cascade.Tests.Workflows;

/// <summary>
/// The generated build-test-push workflow in a repository set up as a user sets one up (cascade-setup, the Cascade
/// package from a folder feed), run by the local executor against the loopback registry: its jobs bootstrap the build
/// project from the pinned package, compiled once per run at most, and the stack behaves as it does in Cascade's own.
/// </summary>
[Collection(WorkflowRunCollection.Name)]
[Trait(Needs.Trait, Needs.Docker), Trait(Needs.Trait, Needs.Registry)]
public sealed class SetUpRepositoryWorkflowRunTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    private static JsonObject Push(string before) => new() { ["before"] = before };

    [Fact]
    public async Task Builds_one_changed_image_alone_and_a_failure_skips_only_its_descendants()
    {
        using var feed = new PackageFeed();
        await feed.PackAsync();
        using var repo = new WorkflowRepo(registry.Host, feed: feed);
        var first = await repo.GenerateAndCommitAsync();
        var seed = await LocalRun.ExecuteAsync(repo, "workflow_dispatch", new JsonObject(), first, "refs/heads/main",
            inputs: new JsonObject { ["all"] = true });
        seed.ImageResults.Values.Should().AllBe("success", seed.ToString());
        seed.Logs("").Where(l => WorkflowRepo.Compiled(l.Value)).Select(l => l.Key).Should().Equal(["plan"],
            "the plan job compiles the build project from the pinned package; the image jobs restore it\n" + seed);

        var leaf = repo.Change("leaf");
        var one = await LocalRun.ExecuteAsync(repo, "push", Push(first), leaf, "refs/heads/main");
        one.ImageResults.Should().Equal(new Dictionary<string, string>
        {
            ["root"] = "skipped", ["mid"] = "skipped", ["leaf"] = "success", ["sib"] = "skipped",
        }, one.ToString());
        (await repo.TagsAsync("leaf")).Should().Contain(WorkflowRepo.ShaTag(leaf), one.ToString());

        File.AppendAllText(repo.Git.PathOf("images/root/Dockerfile"), "RUN echo v2 > /version\n");
        File.AppendAllText(repo.Git.PathOf("images/mid/Dockerfile"), "RUN exit 3\n");
        var broken = repo.Git.Commit("root changed, mid broken");
        var failed = await LocalRun.ExecuteAsync(repo, "push", Push(leaf), broken, "refs/heads/main");
        failed.ImageResults.Should().Equal(new Dictionary<string, string>
        {
            ["root"] = "success", ["mid"] = "failure", ["leaf"] = "skipped", ["sib"] = "success",
        }, failed.ToString());
        (await repo.TagsAsync("sib")).Should().Contain(WorkflowRepo.ShaTag(broken), failed.ToString());
        (await repo.TagsAsync("leaf")).Should().NotContain(WorkflowRepo.ShaTag(broken));
    }
}
