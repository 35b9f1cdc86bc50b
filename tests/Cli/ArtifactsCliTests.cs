using System.Text.Json.Nodes;
using Cascade.Tests.Support;

namespace Cascade.Tests.Cli;

/// <summary>Two stacks in one repository keep their artifacts apart: by default each has its own folder, and a
/// folder one stack's runs use is refused to another.</summary>
public sealed class ArtifactsCliTests : IDisposable
{
    private readonly CliRepo repo = new();
    private readonly string owner = $"cascade-art-{Guid.NewGuid():N}"[..24];

    public ArtifactsCliTests()
    {
        foreach (var stack in new[] { "images", "other" })
            repo.Write($"{stack}/spec.yml", $"owner: {owner}\nimages:\n  app: {{}}\n")
                .Write($"{stack}/app/Dockerfile", $"FROM scratch\nLABEL cascade.test.stack={owner} stack={stack}\n");
        repo.Commit("two stacks");
    }

    public void Dispose()
    {
        DockerTestCleanup.RemoveImagesWithPrefix(owner);
        repo.Dispose();
    }

    [Fact]
    public async Task Each_stack_has_its_own_artifacts_folder_and_a_shared_one_is_refused()
    {
        var first = await repo.RunAsync("Build", "--all", "--branch", "main");
        first.ExitCode.Should().Be(0, first.ToString());
        var second = await repo.RunAsync("Build", "--all", "--branch", "main", "--stack", "other");
        second.ExitCode.Should().Be(0, second.ToString());

        foreach (var stack in new[] { "images", "other" })
        {
            File.ReadAllText(repo.PathOf($"artifacts/{stack}/app/build.log")).Should().Contain($"stack={stack}");
            JsonNode.Parse(File.ReadAllText(repo.PathOf($"artifacts/{stack}/results.json")))!["images"]!.AsArray().Should().ContainSingle();
        }

        var shared = await repo.RunAsync("Build", "--all", "--branch", "main", "--stack", "other", "--artifacts", "artifacts/images");
        shared.ExitCode.Should().Be(1, shared.ToString());
        shared.Output.Should().Contain("holds the artifacts of the stack").And.Contain("images/spec.yml");
        File.ReadAllText(repo.PathOf("artifacts/images/app/build.log")).Should().Contain("stack=images", "the refused run wrote nothing there");
    }
}
