using Cascade.Publishing;
using Cascade.Tests.Cli;
using Cascade.Tests.Support;

namespace Cascade.Tests.Publishing;

public class FactsPullsTests
{
    [Fact]
    public void A_pulled_image_stays_while_an_image_still_to_be_gathered_stands_on_it()
    {
        var parents = new Dictionary<string, IReadOnlyList<string>> { ["base"] = [], ["child"] = ["base"], ["leaf"] = ["child"], ["solo"] = [] };
        var pulls = new FactsPulls(["base", "child", "leaf", "solo"], n => parents[n]);

        pulls.Pulled("base", "r/base");
        pulls.Done("base").Should().BeEmpty("child, still to be gathered, stands on base");
        pulls.Pulled("child", "r/child");
        pulls.Done("child").Should().Equal(["r/base"], "nothing left stands on base; leaf stands on child");
        pulls.Done("leaf").Should().Equal(["r/child"], "leaf was in the daemon already: nothing of its own to remove");
        pulls.Pulled("solo", "r/solo");
        pulls.Done("solo").Should().Equal(["r/solo"]);
    }
}

/// <summary>A fresh runner's Push of images it reuses from the registry, on the real daemon: each is pulled only to
/// gather its facts, stays while its child's facts are gathered (the child's pull takes its layers from it), and no
/// image of the stack is left on the daemon afterwards.</summary>
[Trait(Needs.Trait, Needs.Docker)]
[Trait(Needs.Trait, Needs.Registry)]
public sealed class FactsPullsDaemonTests(RegistryFixture registry) : IClassFixture<RegistryFixture>, IDisposable
{
    private readonly CliRepo repo = new();
    private readonly string owner = $"cascade-facts-{Guid.NewGuid():N}"[..26];

    public void Dispose()
    {
        DockerTestCleanup.RemoveImagesWithPrefix(owner);
        repo.Dispose();
    }

    [Fact]
    public async Task Reused_images_pulled_for_their_facts_stay_until_their_child_is_gathered_then_go()
    {
        repo.BusyboxBaseAndChild(owner);
        var first = await repo.RunAsync("Push", "--all", "--registry", registry.Host);
        first.ExitCode.Should().Be(0, first.ToString());
        DockerTestCleanup.RemoveImagesWithPrefix(owner); // a fresh runner

        var since = DateTimeOffset.UtcNow.AddSeconds(-1).ToUnixTimeSeconds().ToString();
        var again = await repo.RunAsync("Push", "--all", "--registry", registry.Host, "--results-file", "out/r.json");
        again.ExitCode.Should().Be(0, again.ToString());
        var until = DateTimeOffset.UtcNow.AddSeconds(1).ToUnixTimeSeconds().ToString();

        File.ReadAllText(repo.PathOf("out/r.json")).Should().Contain("\"reused\"").And.NotContain("\"succeeded\"");
        var events = DockerTestCleanup.Docker("events", "--since", since, "--until", until, "--filter", "type=image",
                "--format", "{{.Action}} {{.Actor.ID}}")
            .Where(e => e.Contains($"/{owner}/", StringComparison.Ordinal) && (e.StartsWith("pull ") || e.StartsWith("untag ") || e.StartsWith("delete ")))
            .ToList();
        int First(string action, string image) => events.FindIndex(e => e.StartsWith(action + " ") && e.Contains($"/{owner}/{image}"));
        First("pull", "base").Should().BeGreaterThanOrEqualTo(0, string.Join("\n", events));
        First("pull", "child").Should().BeGreaterThan(First("pull", "base"), string.Join("\n", events));
        events.Take(First("pull", "child")).Should().NotContain(e => e.StartsWith("untag ") && e.Contains($"/{owner}/base"),
            "base stays while child's facts are gathered\n" + string.Join("\n", events));
        again.ToString().Should().Contain("pulled for its facts, and no image still to be gathered stands on it");
        DockerTestCleanup.Docker("images", "--format", "{{.Repository}}").Should().NotContain(r => r.Contains(owner), "the runner's disk keeps nothing it pulled for facts");
    }
}
