using System.Text.Json.Nodes;
using Cascade.Tests.Cli;
using Cascade.Tests.Support;

namespace Cascade.Tests.Docker;

/// <summary>
/// The real program on the real engine, reached through <see cref="FlakyDockerProxy"/>, which answers a build with
/// the daemon's own words for a layer a concurrent prune removed: the build is started once more and succeeds, the
/// reason in its log and its result; failing twice, the image fails with the daemon's error as it is.
/// </summary>
[Trait(Needs.Trait, Needs.Docker)]
public sealed class TransientEngineErrorTests : IDisposable
{
    private const string Pruned = "failed to set parent sha256:5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef: " +
                                  "unknown parent image ID sha256:5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef";

    private readonly CliRepo repo = new();
    private readonly string owner = $"cascade-flaky-{Guid.NewGuid():N}"[..27];

    public TransientEngineErrorTests()
    {
        repo.Write("images/spec.yml", $"owner: {owner}\nimages:\n  base: {{}}\n")
            .Write("images/base/Dockerfile", $"FROM scratch\nLABEL cascade.test.stack={owner}\nCOPY hello.txt /hello.txt\n")
            .Write("images/base/hello.txt", owner + "\n");
        repo.Commit("stack");
    }

    public void Dispose()
    {
        DockerTestCleanup.RemoveImagesWithPrefix(owner);
        repo.Dispose();
    }

    private Task<CascadeRun> BuildThrough(FlakyDockerProxy proxy) =>
        CascadeProcess.RunAsync(repo.Root, ["Build", "--all", "--results-file", "out/r.json"],
            new Dictionary<string, string?> { ["DOCKER_HOST"] = proxy.Endpoint });

    private JsonNode Result() => JsonNode.Parse(File.ReadAllText(repo.PathOf("out/r.json")))!["images"]![0]!;

    [Fact]
    public async Task A_build_failing_on_a_pruned_parent_layer_is_built_again_and_says_why()
    {
        using var proxy = new FlakyDockerProxy(failBuilds: 1, Pruned);

        var run = await BuildThrough(proxy);

        run.ExitCode.Should().Be(0, run.ToString());
        proxy.BuildRequests.Should().Be(2);
        Result()["status"]!.GetValue<string>().Should().Be("succeeded");
        Result()["reason"]!.GetValue<string>().Should().Be("built again after a transient engine error: " + Pruned);
        var log = File.ReadAllText(repo.PathOf("artifacts/images/base/build.log"));
        log.Should().Contain("ERROR: " + Pruned).And.Contain("Cascade: built again after a transient engine error")
            .And.Contain("Successfully built");
        DockerTestCleanup.Docker("image", "inspect", "--format", "{{.Id}}", $"{owner}/base:main").Should().ContainSingle();
    }

    [Fact]
    public async Task A_second_failure_is_reported_as_the_daemon_said_it()
    {
        using var proxy = new FlakyDockerProxy(failBuilds: 2, Pruned);

        var run = await BuildThrough(proxy);

        run.ExitCode.Should().Be(1, run.ToString());
        proxy.BuildRequests.Should().Be(2, "one more try, no more");
        Result()["status"]!.GetValue<string>().Should().Be("failed");
        Result()["reason"]!.GetValue<string>().Should().Be(Pruned);
        run.StackTraceLines.Should().BeEmpty(run.ToString());
    }
}
