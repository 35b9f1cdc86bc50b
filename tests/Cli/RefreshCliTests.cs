using Cascade.Tests.Support;

namespace Cascade.Tests.Cli;

/// <summary>
/// --refresh on the real daemon and a real registry: an external base pushed to the registry, then moved there
/// (as upstream does) while this machine keeps the old one. `--no-reuse` keeps its meaning — build, taking steps
/// from the layer cache — and `--refresh` pulls the base again and takes nothing from the cache.
/// </summary>
[Trait(Needs.Trait, Needs.Docker)]
[Trait(Needs.Trait, Needs.Registry)]
public sealed class RefreshCliTests(RegistryFixture registry) : IClassFixture<RegistryFixture>, IDisposable
{
    private readonly CliRepo repo = new();
    private readonly string owner = $"cascade-refresh-{Guid.NewGuid():N}"[..28];

    public void Dispose()
    {
        DockerTestCleanup.RemoveImagesWithPrefix(owner);
        repo.Dispose();
    }

    private string Upstream => $"{registry.Host}/{owner}-upstream:latest";

    /// <summary>Builds the upstream base saying <paramref name="version"/> under <paramref name="tag"/>; returns its id.</summary>
    private string BuildBase(string version, string tag) => UpstreamBase.Build(repo, owner, tag, version);

    private string Seen() => string.Join("\n", DockerTestCleanup.Docker("run", "--rm", $"{owner}/app:main", "/bin/busybox", "cat", "/seen"));

    private string BuildLog() => File.ReadAllText(repo.PathOf("artifacts/images/app/build.log"));

    private async Task BuildAsync(params string[] args)
    {
        var run = await repo.RunAsync(["Build", "--all", .. args]);
        run.ExitCode.Should().Be(0, run.ToString());
    }

    [Fact]
    public async Task Refresh_picks_up_a_base_moved_upstream_and_takes_nothing_from_the_layer_cache()
    {
        var v1 = BuildBase("v1", Upstream);
        DockerTestCleanup.Docker("push", Upstream);
        repo.Write("images/spec.yml", $"owner: {owner}\nimages:\n  app: {{}}\n")
            .Write("images/app/Dockerfile", $"FROM {Upstream}\nLABEL cascade.test.stack={owner}\nRUN cat /version > /seen\n");
        repo.Commit("stack");
        await BuildAsync();
        Seen().Should().Be("v1");
        await BuildAsync("--no-reuse");
        BuildLog().Should().Contain("Using cache", "--no-reuse builds, and may take its steps from the layer cache");

        // Upstream moves the tag; this machine still has the old image under it.
        BuildBase("v2", $"{owner}-v2:latest");
        DockerTestCleanup.Docker("tag", $"{owner}-v2:latest", Upstream);
        DockerTestCleanup.Docker("push", Upstream);
        DockerTestCleanup.Docker("tag", v1, Upstream);

        await BuildAsync("--no-reuse", "--refresh");
        Seen().Should().Be("v2", "the base was pulled again");
        BuildLog().Should().Contain($"Cascade: --refresh: pulling {Upstream} again").And.NotContain("Using cache");
        DockerTestCleanup.Docker("image", "inspect", "--format", "{{.Id}}", Upstream).Single().Should().NotBe(v1);
    }
}
