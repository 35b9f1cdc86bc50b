using System.Text.Json;
using System.Text.Json.Nodes;
using Cascade.Registry;
using Cascade.Tests.Support;

namespace Cascade.Tests.Cli;

/// <summary>
/// The layer cache seeded from the registry on a fresh runner, as a user meets it: a stack root → app pushed from
/// main, every local image removed (a fresh daemon), then a branch that edits app's last line. Real daemon, real
/// registry of the test's own; every image the test makes is removed, pass or fail.
/// </summary>
[Trait(Needs.Trait, Needs.Docker)]
[Trait(Needs.Trait, Needs.Registry)]
public sealed class CacheSeedCliTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    private const string SlowStep = "RUN echo slow > /slow.txt";

    private sealed class AppRepo : IDisposable
    {
        public CliRepo Repo { get; } = new();
        public string Owner { get; } = $"cascade-seed-{Guid.NewGuid():N}"[..25];

        public AppRepo(string registryHost)
        {
            Repo.Write("images/spec.yml", $"""
                registry: {registryHost}
                owner: {Owner}
                tag:
                  prefix: "2026.1"
                images:
                  root: {"{}"}
                  app:
                    depend_on: root
                """);
            Repo.Write("images/root/Dockerfile",
                    $"FROM scratch\nLABEL cascade.test.stack={Owner}\nCOPY busybox /bin/busybox\n" +
                    "RUN [\"/bin/busybox\",\"--install\",\"-s\",\"/bin\"]\n")
                .Write("images/app/Dockerfile", $"ARG BASE_IMAGE\nFROM ${{BASE_IMAGE}}\n{SlowStep}\nRUN echo one > /last.txt\n");
            File.Copy("/bin/busybox", Repo.PathOf("images/root/busybox"));
            Repo.Commit("root and app");
        }

        /// <summary>A fresh runner: the daemon holds no image of the stack.</summary>
        public void RemoveLocalImages() => DockerTestCleanup.RemoveImagesWithPrefix(Owner);

        public string EditLastLine(string text)
        {
            Repo.Write("images/app/Dockerfile", $"ARG BASE_IMAGE\nFROM ${{BASE_IMAGE}}\n{SlowStep}\nRUN echo {text} > /last.txt\n");
            return Repo.Commit($"app says {text}");
        }

        public string BuildLog(string image) => File.ReadAllText(Repo.PathOf($"artifacts/images/{image}/build.log"));

        public string? Reason(string image) =>
            JsonNode.Parse(File.ReadAllText(Repo.PathOf("artifacts/images/results.json")))!["images"]!.AsArray()
                .Single(i => i!["name"]!.GetValue<string>() == image)!["reason"]?.GetValue<string>();

        public void Dispose()
        {
            RemoveLocalImages();
            Repo.Dispose();
        }
    }

    private string Repository(AppRepo c, string image) => $"{registry.Host}/{c.Owner}/{image}";

    /// <summary>The build log's step for <paramref name="instruction"/> was taken from the cache.</summary>
    private static bool FromCache(string buildLog, string instruction)
    {
        var lines = buildLog.Split('\n');
        var step = Array.FindIndex(lines, l => l.EndsWith(" : " + instruction, StringComparison.Ordinal));
        return step >= 0 && step + 1 < lines.Length && lines[step + 1].Trim() == "---> Using cache";
    }

    [Fact]
    public async Task A_fresh_runner_takes_the_slow_step_from_the_previous_build_and_says_how_many_steps_came_from_the_cache()
    {
        using var c = new AppRepo(registry.Host);
        var main = await c.Repo.RunAsync("Push", "--all");
        main.ExitCode.Should().Be(0, main.ToString());
        var mainApp = await ManifestDigestAsync($"{Repository(c, "app")}:2026.1-main");

        var slowLayer = (await LayersAsync($"{Repository(c, "app")}:2026.1-main"))[^2];

        c.RemoveLocalImages();
        c.Repo.Git.Git("checkout", "-q", "-b", "feature");
        c.EditLastLine("two");
        var logStart = registry.LogLines.Count;
        var branch = await c.Repo.RunAsync("Push");

        branch.ExitCode.Should().Be(0, branch.ToString());
        branch.Output.Should().Contain("Layer cache: the Docker daemon holds no image of this stack", branch.ToString());
        var log = c.BuildLog("app");
        log.Should().Contain($"Layer cache: pulling {Repository(c, "app")}:2026.1-main", "the branch has no build yet: the default branch's is next");
        FromCache(log, SlowStep).Should().BeTrue($"the slow step comes from the cache:\n{log}");
        FromCache(log, "RUN echo two > /last.txt").Should().BeFalse("the edited line runs");
        c.Reason("app").Should().MatchRegex(@"^\d+ of \d+ steps from the cache \(.*/app:2026\.1-main, pulled as its cache\)$");
        branch.Output.Should().Contain("steps from the cache");
        registry.LogLines.Skip(logStart).Should().Contain(l => l.Contains($"GET /v2/{c.Owner}/app/blobs/{slowLayer}"),
            "the slow step's layer came from the registry");
        DockerTestCleanup.Docker("images", "--digests", "--format", "{{.Digest}}").Should().NotContain(mainApp,
            "the pulled cache image is removed once the build took what it needed");
    }

    [Fact]
    public async Task A_changed_parent_pulls_nothing_and_a_cache_image_that_cannot_be_pulled_is_a_note()
    {
        using var c = new AppRepo(registry.Host);
        var main = await c.Repo.RunAsync("Push", "--all");
        main.ExitCode.Should().Be(0, main.ToString());
        var appLayers = await LayersAsync($"{Repository(c, "app")}:2026.1-main");

        // The root changes too: app's earlier builds were made FROM another root, so none is pulled.
        c.RemoveLocalImages();
        c.Repo.Git.Git("checkout", "-q", "-b", "feature");
        c.Repo.Write("images/root/extra.txt", "more\n");
        c.Repo.Write("images/root/Dockerfile", File.ReadAllText(c.Repo.PathOf("images/root/Dockerfile")) + "COPY extra.txt /extra.txt\n");
        c.EditLastLine("two");
        var logStart = registry.LogLines.Count;
        var changed = await c.Repo.RunAsync("Push");

        changed.ExitCode.Should().Be(0, changed.ToString());
        var log = c.BuildLog("app");
        log.Should().Contain($"Layer cache: {Repository(c, "app")}:2026.1-main was built FROM another base")
            .And.NotContain("Layer cache: pulling", "with another parent no step can match");
        FromCache(log, SlowStep).Should().BeFalse();
        registry.LogLines.Skip(logStart).Where(l => appLayers.Any(d => l.Contains($"GET /v2/{c.Owner}/app/blobs/{d}")))
            .Should().BeEmpty("no layer of the old app was pulled");
        c.BuildLog("root").Should().Contain($"Layer cache: pulling {Repository(c, "root")}:2026.1-main", "a root FROM scratch has the same (no) base");

        // The branch's own build is the next cache; one of its layers is gone from the registry: built without it.
        var branchApp = $"{Repository(c, "app")}:2026.1-feature";
        await DeleteBlobAsync(Repository(c, "app"), (await LayersAsync(branchApp))[^1]);
        c.RemoveLocalImages();
        c.EditLastLine("three");
        var broken = await c.Repo.RunAsync("Push");

        broken.ExitCode.Should().Be(0, broken.ToString());
        c.Reason("app").Should().StartWith($"cache image {branchApp} could not be pulled (").And.EndWith("): built without it");
        broken.Output.Should().Contain($"cache image {branchApp} could not be pulled");
    }

    [Fact]
    public async Task None_and_refresh_turn_it_off_and_a_daemon_that_holds_the_stack_keeps_its_own_cache()
    {
        using var c = new AppRepo(registry.Host);
        var main = await c.Repo.RunAsync("Push", "--all");
        main.ExitCode.Should().Be(0, main.ToString());

        c.RemoveLocalImages();
        c.EditLastLine("two");
        var none = await c.Repo.RunAsync("Push", "--cache-from", "none");
        none.ExitCode.Should().Be(0, none.ToString());
        none.Output.Should().NotContain("Layer cache:");
        c.BuildLog("app").Should().NotContain("Layer cache:");

        // --refresh takes no step from any cache: nothing to seed.
        c.RemoveLocalImages();
        c.EditLastLine("refreshed");
        var refresh = await c.Repo.RunAsync("Push", "--refresh");
        refresh.ExitCode.Should().Be(0, refresh.ToString());
        refresh.Output.Should().NotContain("Layer cache:");
        c.BuildLog("app").Should().NotContain("Layer cache:");

        // The daemon now holds the stack's images: auto leaves its own cache alone.
        c.EditLastLine("three");
        var local = await c.Repo.RunAsync("Push");
        local.ExitCode.Should().Be(0, local.ToString());
        local.Output.Should().NotContain("Layer cache:");
        FromCache(c.BuildLog("app"), SlowStep).Should().BeTrue("the daemon's own cache has it");
    }

    private static async Task<string> ManifestDigestAsync(string reference)
    {
        using var http = new HttpClient();
        return (await new RegistryClient(http, _ => null).ManifestExistsAsync(reference, CancellationToken.None))!;
    }

    private static async Task<IReadOnlyList<string>> LayersAsync(string reference)
    {
        using var http = new HttpClient();
        var manifest = await new RegistryClient(http, _ => null).GetManifestAsync(ImageReference.Parse(reference), CancellationToken.None);
        using var doc = JsonDocument.Parse(manifest!.Bytes);
        return doc.RootElement.GetProperty("layers").EnumerateArray().Select(l => l.GetProperty("digest").GetString()!).ToList();
    }

    /// <summary>Unlinks a blob from a repository (the registry runs with delete enabled): a pull of an image that
    /// needs it then fails, as with a registry that lost it.</summary>
    private static async Task DeleteBlobAsync(string repository, string digest)
    {
        var reference = ImageReference.Parse(repository);
        using var http = new HttpClient();
        using var response = await http.DeleteAsync($"http://{reference.Registry}/v2/{reference.Repository}/blobs/{digest}");
        response.IsSuccessStatusCode.Should().BeTrue($"the registry deletes {digest}: {(int)response.StatusCode}");
    }
}
