using Cascade.Text;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Cascade.Tests.Support;

namespace Cascade.Tests.Setup;

/// <summary>
/// Issue 18's check, offline: the Cascade packages packed into a folder feed; a DataHub-shaped repository set up by
/// README's commands word for word; then Plan, Graph, Build, Test, Push to a loopback registry and GenerateWorkflows
/// with no --root, the working tree clean afterwards. Then what a user does next: a target of their own, and an upgrade.
/// One test, in order: each step stands on the build project the one before it compiled (a compile takes a minute).
/// </summary>
[Trait(Needs.Trait, Needs.Docker), Trait(Needs.Trait, Needs.Registry)]
public sealed class StackRepositorySetupTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    [Fact]
    public async Task Readme_sets_up_a_DataHub_shaped_repository_whose_build_runs_its_own_targets_and_upgrades()
    {
        using var feed = new PackageFeed();
        await feed.PackAsync();
        using var repo = new StackRepository(feed, registry.Host);

        foreach (var line in ReadmeSetupSection.Commands()) await repo.SucceedsAsync(line);
        WroteTheBuildProjectAndNothingElse(repo);
        repo.Git.Commit("Cascade set up");

        (await repo.SucceedsAsync("./build.sh --version")).Should().Contain($"\n{ProductVersion.Text}\n")
            .And.NotContain("ompiling", "the first run compiled the build project, and no run since changed it");
        await BuildsTestsAndPushesAsync(repo);
        await RunsAUserTargetAsync(repo);
        await UpgradesAsync(repo, feed);
    }

    private static void WroteTheBuildProjectAndNothingElse(StackRepository repo)
    {
        var written = repo.Status().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l[3..]).ToList();
        written.Where(p => !p.StartsWith(".github/", StringComparison.Ordinal)).Should().BeEquivalentTo(
            [".gitignore", ".nuke/build.schema.json", ".nuke/parameters.json", "build.cmd", "build.ps1", "build.sh", "build/Build.cs",
             "build/_build.csproj", "global.json"], "cascade-setup writes the build project; the first run adds the schema");
        repo.Read("build/_build.csproj").Should().Contain($"<PackageReference Include=\"Cascade\" Version=\"{ProductVersion.Text}\" />");
        repo.Read(".nuke/parameters.json").Should().Contain("\"Stack\": \"images\"");
        repo.Read(".gitignore").Should().StartWith(StackRepository.OwnGitIgnore, "the repository's own lines stay")
            .And.Contain("artifacts/\n").And.Contain(".nuke/temp/\n");
    }

    /// <summary>The maintainer's next change, to the root image: the plan is the root and everything below it.</summary>
    private async Task BuildsTestsAndPushesAsync(StackRepository repo)
    {
        (await repo.SucceedsAsync("./build.sh Plan")).Should().Contain("Nothing to build", "setting Cascade up changed no image");
        File.AppendAllText(repo.Git.PathOf("images/datascience-notebook/Dockerfile"), "RUN echo 2026.1 > /etc/release\n");
        repo.Git.Commit("the root image changes");

        (await repo.SucceedsAsync("./build.sh Plan")).Should().Contain("Build 3 of 3 images");
        (await repo.SucceedsAsync("./build.sh Graph")).Should().Contain("datascience-notebook");
        await repo.SucceedsAsync("./build.sh Build");
        await repo.SucceedsAsync("./build.sh Test");
        await repo.SucceedsAsync("./build.sh Push");
        foreach (var image in StackRepository.Images)
            (await TagsAsync(repo, image)).Should().Contain(t => t.StartsWith("fp-", StringComparison.Ordinal), $"{image} is pushed");
        await repo.SucceedsAsync("./build.sh GenerateWorkflows");
        await repo.SucceedsAsync("./build.sh CheckWorkflows");
        repo.Status().Should().BeEmpty("a run leaves nothing to commit: artifacts/, .nuke/temp/ and build's bin/obj are ignored");
    }

    /// <summary>A target of the user's own, after Push: it runs, shows in --help and the schema, and changes no workflow.</summary>
    private static async Task RunsAUserTargetAsync(StackRepository repo)
    {
        var buildFile = repo.Read("build/Build.cs");
        repo.Git.Write("build/Build.cs", buildFile.Replace("    // Your own targets go here", """
                Target Announce => _ => _
                    .Description("Says the images were pushed")
                    .DependsOn(Push)
                    .Executes(() => Console.WriteLine("announced after the push"));

                // Your own targets go here
            """));
        (await repo.SucceedsAsync("./build.sh --help")).Should().Contain("Announce").And.Contain("Says the images were pushed");
        repo.Read(".nuke/build.schema.json").Should().Contain("\"Announce\"");
        var run = await repo.SucceedsAsync("./build.sh Announce");
        run.Should().Contain("announced after the push");
        // The engine's log (stderr) shows the order; the target's own line is on stdout.
        run.Should().Contain("=== Push ===").And.Contain("=== Announce ===");
        run.IndexOf("=== Announce ===", StringComparison.Ordinal).Should().BeGreaterThan(run.IndexOf("=== Push ===", StringComparison.Ordinal));
        await repo.SucceedsAsync("./build.sh CheckWorkflows");
        repo.Status().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l[3..]).Should().BeEquivalentTo(["build/Build.cs", ".nuke/build.schema.json"],
            "the target is the user's, and the schema lists it; the workflows are as they were");
        repo.Git.Commit("Announce");
    }

    /// <summary>Upgrading is the one version in build/_build.csproj; the workflows then say which Cascade wrote them.</summary>
    private static async Task UpgradesAsync(StackRepository repo, PackageFeed feed)
    {
        const string next = "99.0.0";
        await feed.PackAsync(next);
        var project = repo.Read("build/_build.csproj");
        repo.Git.Write("build/_build.csproj", project.Replace($"Version=\"{ProductVersion.Text}\"", $"Version=\"{next}\""));

        (await repo.SucceedsAsync("./build.sh --version")).Should().Contain($"\n{next}\n");
        var (exit, check) = await repo.RunAsync("./build.sh CheckWorkflows");
        exit.Should().NotBe(0, check);
        check.Should().Contain($"Cascade {next}").And.Contain(".github/workflows/build-test-push.yml").And.Contain("./build.sh GenerateWorkflows");
        await repo.SucceedsAsync("./build.sh GenerateWorkflows");
        await repo.SucceedsAsync("./build.sh CheckWorkflows");
        repo.Read(".github/workflows/build-test-push.yml").Should().Contain($"(Cascade {next})");
    }

    private async Task<IReadOnlyList<string>> TagsAsync(StackRepository repo, string image)
    {
        using var http = new HttpClient { BaseAddress = registry.BaseUri };
        var list = await http.GetFromJsonAsync<JsonObject>($"v2/{repo.Owner}/{image}/tags/list");
        return list!["tags"]!.AsArray().Select(t => t!.GetValue<string>()).ToList();
    }
}
