using System.Text.Json.Nodes;
using Cascade.Registry;
using Cascade.Stacks;
using Cascade.Tests.Support;
using Cascade.Workflows;

namespace Cascade.Tests.Workflows;

/// <summary>
/// The generated workflow of a stack built for linux/amd64 and linux/arm64, run end to end by the local executor
/// on the real daemon (arm64 under qemu: each platform's job runs here, where GitHub would give it a runner of
/// that architecture) and a real registry: every job on a clean runner, so each platform's job gets its parent
/// of that platform only through the registry, and the merge job finds every platform's image there.
/// The stack: root → mid → leaf, root → sib.
/// </summary>
[Collection(WorkflowRunCollection.Name)]
[Trait(Needs.Trait, Needs.Docker), Trait(Needs.Trait, Needs.Registry)]
public class PlatformWorkflowRunTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    private static readonly string[] Platforms = ["linux-amd64", "linux-arm64"];

    private static IReadOnlyDictionary<string, string> JobResults(LocalRun run, string image) =>
        Platforms.Select(p => $"platform-{image}-{p}").Append($"image-{image}").ToDictionary(id => id, run.Result);

    private async Task<IReadOnlyList<Platform>?> IndexPlatformsAsync(WorkflowRepo repo, string image, string tag)
    {
        using var http = new HttpClient();
        var index = await new RegistryClient(http, _ => null)
            .ReadIndexAsync(ImageReference.Parse($"{registry.Host}/{repo.Owner}/{image}:{tag}"), CancellationToken.None);
        return index?.Select(e => e.Platform).ToList();
    }

    [EmulatedFact]
    public async Task Each_platform_on_its_own_job_then_one_index_and_a_platform_that_fails_publishes_none_and_skips_below()
    {
        using var repo = new WorkflowRepo(registry.Host, platforms: true);
        repo.Git.Write("images/mid/test/not-on-arm.sh", "#!/bin/sh\ntest \"$(uname -m)\" != aarch64\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(repo.Git.PathOf("images/mid/test/not-on-arm.sh"), (UnixFileMode)0b111_101_101);
        var commit = await repo.GenerateAndCommitAsync();

        var run = await LocalRun.ExecuteAsync(repo, "workflow_dispatch", new JsonObject(), commit, "refs/heads/main",
            inputs: new JsonObject { ["all"] = true });

        JobResults(run, "root").Values.Should().AllBe("success", run.ToString());
        JobResults(run, "sib").Values.Should().AllBe("success", run.ToString());
        JobResults(run, "mid").Should().Equal(new Dictionary<string, string>
        {
            ["platform-mid-linux-amd64"] = "success", ["platform-mid-linux-arm64"] = "failure", ["image-mid"] = "skipped",
        }, run.ToString());
        JobResults(run, "leaf").Values.Should().AllBe("skipped", run.ToString());

        var sha = WorkflowRepo.ShaTag(commit);
        foreach (var image in new[] { "root", "sib" })
            (await IndexPlatformsAsync(repo, image, sha)).Should().Equal([Platform.LinuxAmd64, Platform.LinuxArm64], $"{image}:{sha} is an index\n{run}");
        var mid = await repo.TagsAsync("mid");
        mid.Should().Contain(sha + "-linux-amd64", "the platform that passed pushed its own image")
            .And.NotContain(sha, "no half index").And.NotContain("wf-main");
        (await repo.TagsAsync("leaf")).Should().BeEmpty();
        DockerTestCleanup.Docker("run", "--rm", "--platform", "linux/arm64", "--pull", "always",
            $"{registry.Host}/{repo.Owner}/sib:{sha}", "sh", "-c", "uname -m; cat /name").Should().Equal("aarch64", "sib");
    }

    [EmulatedFact]
    public async Task A_fork_s_pull_request_hands_each_platform_s_image_to_that_platform_s_child_and_its_merge_job_writes_nothing()
    {
        using var repo = new WorkflowRepo(registry.Host, platforms: true);
        var first = await repo.GenerateAndCommitAsync();
        repo.Git.Git("checkout", "-q", "-b", "topic");
        var head = repo.Change("mid");

        var run = await LocalRun.ExecuteAsync(repo, "pull_request",
            new JsonObject
            {
                ["pull_request"] = new JsonObject
                {
                    ["number"] = 8, ["base"] = new JsonObject { ["sha"] = first },
                    ["head"] = new JsonObject { ["repo"] = new JsonObject { ["full_name"] = "someone/cascade-test" } },
                },
            },
            head, "refs/pull/8/merge", headRef: "topic", baseRef: "main", fork: true);

        JobResults(run, "mid").Values.Should().AllBe("success", run.ToString());
        JobResults(run, "leaf").Values.Should().AllBe("success", "the merge job of a pull request succeeds without writing, so descendants go on\n" + run);
        JobResults(run, "root").Values.Should().AllBe("skipped", run.ToString());
        run.Builds("mid").Should().Be(2, "once per platform, by mid's own jobs: leaf's jobs load it\n" + run);
        run.Artifacts.Where(a => a.StartsWith(ForkHandOver.ArtifactPrefix)).Should().Equal("saved-image-mid-linux-amd64", "saved-image-mid-linux-arm64");
        foreach (var image in WorkflowRepo.Images)
            (await repo.TagsAsync(image)).Should().BeEmpty($"a fork's pull request pushes nothing ({image})\n{run}");
    }
}
