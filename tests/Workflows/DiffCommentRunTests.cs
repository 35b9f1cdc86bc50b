using System.Text.Json.Nodes;
using Cascade.Publishing;
using Cascade.Tests.Support;
using Cascade.Workflows;

namespace Cascade.Tests.Workflows;

/// <summary>
/// The generated build-test-push workflow on a pull request, run by the local executor on the real engine and a
/// loopback registry, with GITHUB_API_URL on a fake of GitHub's comment routes: the image jobs leave their parts of
/// the Diff report, the last job merges them and keeps ONE comment on the pull request across two pushes.
/// </summary>
[Collection(WorkflowRunCollection.Name)]
[Trait(Needs.Trait, Needs.Docker), Trait(Needs.Trait, Needs.Registry)]
public class DiffCommentRunTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    [Fact]
    public async Task A_pull_request_keeps_one_comment_with_the_report_across_two_pushes()
    {
        using var repo = new WorkflowRepo(registry.Host);
        using var api = new FakeGitHubApi("local-token"); // the executor's github.token
        var seed = await repo.GenerateAndCommitAsync();
        var main = await LocalRun.ExecuteAsync(repo, "workflow_dispatch", new JsonObject(), seed, "refs/heads/main",
            inputs: new JsonObject { ["all"] = true });
        main.ImageResults.Values.Should().AllBe("success", main.ToString());
        main.Result(DiffJob.Id).Should().Be("skipped", "the default branch's images are what its tags name: nothing to compare");
        repo.Git.Git("checkout", "-q", "-b", "topic");

        var first = await PushAsync(repo, api, seed, "RUN echo first > /changed");
        var body = api.Comments.Single().Body;
        body.Should().StartWith(DiffFile.CommentMarker).And.Contain("| leaf | changed |").And.Contain("echo first", first.ToString());
        var second = await PushAsync(repo, api, seed, "RUN echo second > /changed");

        api.Comments.Should().ContainSingle("one comment, edited in place\n" + second).Which.Body.Should().Contain("echo second").And.NotBe(body);
        api.Requests.Where(r => !r.StartsWith("GET")).Select(r => r.Split(' ')[0]).Should().Equal(["POST", "PATCH"]);
        api.Requests.Should().NotContain(r => r.EndsWith("(no token)"));
    }

    private static async Task<LocalRun> PushAsync(WorkflowRepo repo, FakeGitHubApi api, string seed, string line)
    {
        var head = repo.Change("leaf", line);
        var run = await LocalRun.ExecuteAsync(repo, "pull_request", WorkflowRunTests.PullRequest(7, seed), head, "refs/pull/7/merge",
            headRef: "topic", baseRef: "main", apiUrl: api.Url);
        run.Result("image-leaf").Should().Be("success", run.ToString());
        run.Result(DiffJob.Id).Should().Be("success", run.ToString());
        run.Artifacts.Should().Contain(DiffJob.PartArtifact + "leaf");
        return run;
    }
}
