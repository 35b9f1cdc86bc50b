using System.Text.Json.Nodes;
using Cascade.Tests.Cli;
using Cascade.Tests.Support;

namespace Cascade.Tests.Publishing;

/// <summary>
/// History a user can trust, through the CLI on the real daemon and a loopback registry of its own: an image pushed
/// and tested at one commit, promoted from a later checkout, then reused by later pushes. The promotion row names
/// the commit the image was built at; the page keeps the tests of the first push; a Push that changes nothing adds
/// no row. One image (FROM scratch + busybox) with a test and an info command.
/// </summary>
[Trait(Needs.Trait, Needs.Docker)]
[Trait(Needs.Trait, Needs.Registry)]
public sealed class HistoryCliTests : IDisposable
{
    private readonly RegistryFixture _registry = new();
    private readonly CliRepo _repo = new();
    private readonly string _owner = $"cascade-hist-{Guid.NewGuid():N}"[..25];
    private readonly HttpClient _http = new();

    public HistoryCliTests()
    {
        _repo.Write("images/spec.yml", $"""
            owner: {_owner}
            all_info_cmds:
              SHORT: {"{"}description: Greeting, command: echo hello from base{"}"}
            images:
              base:
                info_cmds: [SHORT]
            """);
        _repo.Write("images/base/Dockerfile",
                $"FROM scratch\nLABEL cascade.test.stack={_owner}\nCOPY busybox /bin/busybox\n" +
                "RUN [\"/bin/busybox\",\"--install\",\"-s\",\"/bin\"]\nRUN echo base > /etc/base-marker\n")
            .WriteExecutable("images/tests_common/shell.sh", "#!/bin/sh\ntest -x /bin/sh\n")
            .WriteExecutable("images/base/test/marker.sh", "#!/bin/sh\ngrep -q base /etc/base-marker\n");
        File.Copy("/bin/busybox", _repo.PathOf("images/base/busybox"));
    }

    public void Dispose()
    {
        DockerTestCleanup.RemoveImagesWithPrefix(_owner);
        _repo.Dispose();
        _registry.Dispose();
        _http.Dispose();
    }

    private Task<CascadeRun> PushAsync(string branch) => _repo.RunAsync("Push", "--all", "--branch", branch, "--registry", _registry.Host);

    private JsonArray Entries() => JsonNode.Parse(File.ReadAllText(_repo.PathOf("artifacts/images/ledger.json")))!["entries"]!.AsArray();

    private string Page(string digest) => File.ReadAllText(_repo.PathOf($"artifacts/images/manifests/base-{digest[7..19]}.md"));

    private List<string> HomeRows() => File.ReadAllLines(_repo.PathOf("artifacts/images/manifests/Home.md"))
        .Where(l => l.StartsWith("| 20", StringComparison.Ordinal)).ToList();

    [Fact]
    public async Task A_promotion_names_its_images_commit_a_reusing_push_keeps_the_pages_tests_and_a_no_op_push_adds_no_row()
    {
        var built = _repo.Commit("stack");
        var first = await PushAsync("main");
        first.ExitCode.Should().Be(0, first.ToString());
        var digest = Entries()[0]!["images"]![0]!["digest"]!.GetValue<string>();
        Page(digest).Should().Contain("2 passed", first.ToString());

        // A later checkout (nothing of the image changed) promotes what main has: the row names the commit it was built at.
        _repo.Write("NOTES.md", "notes\n");
        var head = _repo.Commit("notes");
        var promote = await _repo.RunAsync("Promote", "--from-tag", "main", "--to-tag", "stable", "--registry", _registry.Host);
        promote.ExitCode.Should().Be(0, promote.ToString());
        Entries()[^1]!["commit"]!.GetValue<string>().Should().Be(built);
        HomeRows()[0].Should().Contain("**promoted**").And.Contain($"`{built[..7]}`").And.NotContain(head[..7]);

        // A push from that checkout reuses the digest from the registry, untested: its tags and its run are added, nothing erased.
        var reuse = await PushAsync("main");
        reuse.ExitCode.Should().Be(0, reuse.ToString());
        reuse.Output.Should().Contain("reused").And.NotContain("No history row");
        Entries().Should().HaveCount(3);
        Entries()[^1]!["images"]![0]!["status"]!.GetValue<string>().Should().Be("reused");
        var page = Page(digest);
        page.Should().Contain("2 passed").And.Contain("| tests_common/shell.sh | passed |").And.Contain("| base/test/marker.sh | passed |")
            .And.NotContain("No tests were recorded");
        page.Should().Contain($"`sha-{built[..7]}`").And.Contain("`stable`").And.Contain($"`sha-{head[..7]}`");
        page.Should().Contain("## Greeting").And.Contain("| Created | Command | Size | Cumulative |");
        page.Should().Contain($"| push `main` | `{head[..7]}` | reused |");

        // The same push again moves no tag and builds nothing: no row, and it says so.
        var homeBefore = File.ReadAllText(_repo.PathOf("artifacts/images/manifests/Home.md"));
        var again = await PushAsync("main");
        again.ExitCode.Should().Be(0, again.ToString());
        again.Output.Should().Contain("No history row: this push built nothing, tested nothing and moved no tag");
        Entries().Should().HaveCount(3);
        File.ReadAllText(_repo.PathOf("artifacts/images/manifests/Home.md")).Should().Be(homeBefore);
        DockerTestCleanup.OwnedContainers(_owner).Should().BeEmpty("info commands run in containers that are removed");
    }
}
