using System.Text.Json.Nodes;
using Cascade.Tests.Cli;
using Cascade.Tests.Support;

namespace Cascade.Tests.Docs;

/// <summary>README's quick start builds and tests examples/busybox on a Docker engine with no network: its commands,
/// run on a copy of the example in a repository of its own (under an owner of its own, removed afterwards).</summary>
[Trait(Needs.Trait, Needs.Docker)]
public sealed class ExampleStackTests : IDisposable
{
    private const string Stack = "examples/busybox";
    private readonly CliRepo repo = new();
    private readonly string owner = $"cascade-example-{Guid.NewGuid():N}"[..28];

    public ExampleStackTests()
    {
        var source = RepositoryRoot.Combine("examples", "busybox");
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories).Where(f => Path.GetFileName(f) != "busybox"))
        {
            var relative = Path.Combine(Stack, Path.GetRelativePath(source, file));
            repo.Write(relative, File.ReadAllText(file));
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(repo.PathOf(relative), File.GetUnixFileMode(file));
        }
        repo.Edit($"{Stack}/spec.yml", "owner: cascade-example", "owner: " + owner)
            .Write(".gitignore", File.ReadAllText(RepositoryRoot.Combine(".gitignore")))
            .Commit("the example stack");
    }

    public void Dispose()
    {
        DockerTestCleanup.RemoveImagesWithPrefix(owner);
        repo.Dispose();
    }

    [Fact]
    public async Task The_quick_start_builds_and_tests_it_and_a_second_run_reuses_it()
    {
        File.Copy("/bin/busybox", repo.PathOf($"{Stack}/base/busybox")); // the quick start's cp step

        var first = await repo.RunAsync("Test", "--stack", Stack, "--all");
        first.ExitCode.Should().Be(0, first.ToString());
        first.Stderr.Should().Contain("Test: 2 image(s) passed their tests");
        Statuses().Should().Equal(new Dictionary<string, string> { ["base"] = "succeeded", ["hello"] = "succeeded" });

        var second = await repo.RunAsync("Test", "--stack", Stack, "--all");
        second.ExitCode.Should().Be(0, second.ToString());
        Statuses().Should().Equal(new Dictionary<string, string> { ["base"] = "reused", ["hello"] = "reused" });
        DockerTestCleanup.Docker("run", "--rm", "--network", "none", $"{owner}/hello:fp-{Fingerprint("hello")}")
            .Should().Equal("Hello from Cascade");
        repo.Git.Git("status", "--porcelain").Should().BeEmpty("the copied busybox is gitignored and the run writes only artifacts/");
    }

    private Dictionary<string, string> Statuses() => Results().ToDictionary(i => i!["name"]!.GetValue<string>(), i => i!["status"]!.GetValue<string>());

    private string Fingerprint(string image) =>
        Results().Single(i => i!["name"]!.GetValue<string>() == image)!["fingerprint"]!.GetValue<string>()["sha256:".Length..][..16];

    private JsonArray Results() =>
        JsonNode.Parse(File.ReadAllText(repo.PathOf($"artifacts/{Stack}/results.json")))!["images"]!.AsArray();
}
