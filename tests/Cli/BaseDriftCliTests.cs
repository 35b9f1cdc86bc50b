using System.Text.Json.Nodes;
using Cascade.Registry;
using Cascade.Tests.Support;

namespace Cascade.Tests.Cli;

/// <summary>
/// A base that moved upstream, on the real daemon and a real registry: two external bases in the registry, `app` FROM
/// the first with `child` below it, `other` FROM the second; everything pushed from main. Then the first base's tag
/// moves to a new digest while this machine keeps the old image under it. With nothing changed in git, the plan
/// names the moved base with both digests and rebuilds exactly app and child, and the build is made on the new base.
/// </summary>
[Trait(Needs.Trait, Needs.Docker)]
[Trait(Needs.Trait, Needs.Registry)]
public sealed class BaseDriftCliTests(RegistryFixture registry) : IClassFixture<RegistryFixture>, IDisposable
{
    private readonly CliRepo repo = new();
    private readonly string owner = $"cascade-drift-{Guid.NewGuid():N}"[..26];

    public void Dispose()
    {
        DockerTestCleanup.RemoveImagesWithPrefix(owner);
        repo.Dispose();
    }

    private string Upstream(string name) => $"{registry.Host}/{owner}-{name}:1";

    private Task<string> PushBaseAsync(string tag, string version) => UpstreamBase.PushAsync(repo, owner, tag, version);

    private void WriteStack()
    {
        repo.Write("images/spec.yml", $"""
                registry: {registry.Host}
                owner: {owner}
                tag:
                  prefix: dr
                images:
                  app: {"{}"}
                  child:
                    depend_on: app
                  other: {"{}"}
                """)
            .Write("images/app/Dockerfile", $"FROM {Upstream("a")}\nLABEL cascade.test.stack={owner}\nRUN cat /version > /seen\n")
            .Write("images/child/Dockerfile", "ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\nRUN echo child > /name\n")
            .Write("images/other/Dockerfile", $"FROM {Upstream("b")}\nLABEL cascade.test.stack={owner}\nRUN echo other > /name\n");
        repo.Commit("stack");
    }

    private Dictionary<string, string> Statuses(string file) =>
        JsonNode.Parse(File.ReadAllText(repo.PathOf(file)))!["images"]!.AsArray()
            .ToDictionary(i => i!["name"]!.GetValue<string>(), i => i!["status"]!.GetValue<string>());

    [Fact]
    public async Task A_moved_base_rebuilds_exactly_its_subtree_on_the_new_base_and_names_both_digests()
    {
        var old = await PushBaseAsync(Upstream("a"), "v1");
        await PushBaseAsync(Upstream("b"), "b1");
        WriteStack();
        var first = await repo.RunAsync("Push", "--all", "--results-file", "out/first.json");
        first.ExitCode.Should().Be(0, first.ToString());
        var stale = DockerTestCleanup.Docker("image", "inspect", "--format", "{{.Id}}", Upstream("a")).Single();

        // Upstream moves the tag; this machine keeps the old image under it.
        var moved = await PushBaseAsync($"{registry.Host}/{owner}-a2:1", "v2");
        DockerTestCleanup.Docker("tag", $"{registry.Host}/{owner}-a2:1", Upstream("a"));
        DockerTestCleanup.Docker("push", "-q", Upstream("a"));
        DockerTestCleanup.Docker("tag", stale, Upstream("a"));
        moved.Should().NotBe(old);

        var plan = await repo.PlanAsync("--base-ref", "HEAD");
        var affected = plan["images"]!.AsArray().Where(i => i!["affected"]!.GetValue<bool>())
            .ToDictionary(i => i!["name"]!.GetValue<string>(), i => i!["reasons"]!.AsArray().Select(r => r!.GetValue<string>()).ToList());
        affected.Keys.Should().Equal(["app", "child"], "nothing changed in git: only the moved base's subtree");
        affected["app"].Should().Equal($"base {Upstream("a")} moved: {old} → {moved}");
        affected["child"].Should().Equal("parent app is rebuilt");

        var drift = await repo.RunAsync("Push", "--base-ref", "HEAD", "--results-file", "out/drift.json");
        drift.ExitCode.Should().Be(0, drift.ToString());
        drift.ToString().Should().Contain($"base {Upstream("a")} moved: {old} → {moved}", "the run's plan says why");
        Statuses("out/drift.json").Should().Equal(new Dictionary<string, string> { ["app"] = "succeeded", ["child"] = "succeeded", ["other"] = "unchanged" });
        File.ReadAllText(repo.PathOf("artifacts/images/app/build.log")).Should()
            .Contain($"the daemon's copy of {Upstream("a")} is not {moved} (the base moved): pulling {Upstream("a")} again");
        string.Join("\n", DockerTestCleanup.Docker("run", "--rm", $"{registry.Host}/{owner}/app:dr-main", "cat", "/seen"))
            .Should().Be("v2", "built on the moved base, not the daemon's stale copy");

        // What the next plan compares with: the pushed image records the digest it was built on.
        using var http = new HttpClient();
        var pushed = await new RegistryClient(http, _ => null).ReadImageAsync(
            ImageReference.Parse($"{registry.Host}/{owner}/app:dr-main"), Cascade.Stacks.Platform.Parse(Cascade.Changes.Fingerprints.Fingerprinter.HostPlatform), CancellationToken.None);
        BaseDrift.Read(pushed!.Labels.GetValueOrDefault(BaseDrift.Label)).Should()
            .Equal(new Dictionary<string, string> { [Upstream("a")] = moved });
        (await repo.PlanAsync("--base-ref", "HEAD"))["order"]!.AsArray().Should().BeEmpty("nothing moved since");
    }
}
