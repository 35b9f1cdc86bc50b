using System.Text.Json.Nodes;
using Cascade.Publishing;
using Cascade.Reports;
using Cascade.Tests.Cli;
using Cascade.Tests.Support;

namespace Cascade.Tests.Publishing;

/// <summary>`./build.sh RecordEntries --from DIR --wiki wiki`, as the wiki job runs it: the image jobs' entries (written
/// here as their runners would) become one Push entry in the wiki's ledger, and the pages; no Docker needed.</summary>
public sealed class RecordEntriesCliTests : IDisposable
{
    private readonly CliRepo _repo = new();
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);
    private const string Commit = "1a2b3c4d5e6f708192a3b4c5d6e7f80912345678";

    public RecordEntriesCliTests()
    {
        _repo.Write("images/spec.yml", "images:\n  root: {}\n  mid:\n    depend_on: root\n")
            .Write("images/root/Dockerfile", "FROM scratch\n")
            .Write("images/mid/Dockerfile", "ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\n");
        _repo.Commit("stack");
    }

    public void Dispose() => _repo.Dispose();

    private static LedgerImage Image(string name, string status, char digit = '0') => new()
    {
        Name = name, Status = Statuses.Of(status), Reference = $"ghcr.io/o/{name}:sha-1a2b3c4",
        Digest = status == "succeeded" ? "sha256:" + new string(digit, 64) : null,
        Tags = status == "succeeded" ? ["main", "sha-1a2b3c4"] : [], Parents = name == "mid" ? ["root"] : [],
        Facts = status == "succeeded" ? new ImageFacts { Platform = "linux/amd64" } : null,
    };

    private void Runner(string image, int minutes, string commit = Commit) =>
        Ledger.SaveEntry(_repo.PathOf($"downloads/cascade-ledger-{image}/images/{Ledger.EntryFileName}"), new LedgerEntry
        {
            Kind = LedgerKinds.Push, When = Start.AddMinutes(minutes), Commit = commit, Branch = "main",
            Images = [Image("root", image == "root" ? "succeeded" : "unchanged", 'a'), Image("mid", image == "mid" ? "succeeded" : "unchanged", 'c')],
        });

    private Task<CascadeRun> RecordAsync() => _repo.RunAsync("RecordEntries", "--from", "downloads", "--wiki", "wiki");

    [Fact]
    public async Task The_jobs_entries_become_one_entry_in_the_wiki_with_the_pages_and_a_rerun_appends_nothing()
    {
        Runner("root", 1);
        Runner("mid", 2);

        var run = await RecordAsync();

        run.ExitCode.Should().Be(0, run.ToString());
        var entries = JsonNode.Parse(File.ReadAllText(_repo.PathOf("wiki/ledger.json")))!["entries"]!.AsArray();
        entries.Should().ContainSingle();
        entries[0]!["images"]!.AsArray().Select(i => $"{i!["name"]} {i["status"]}").Should().Equal("root succeeded", "mid succeeded");
        File.Exists(_repo.PathOf($"wiki/root-{new string('a', 12)}.md")).Should().BeTrue();
        File.ReadAllText(_repo.PathOf("wiki/Home.md")).Should().Contain($"[mid](mid-{new string('c', 12)})");

        var again = await RecordAsync();
        again.ExitCode.Should().Be(0, again.ToString());
        again.Output.Should().Contain("already; not appended again").And.Contain("nothing appended");
        JsonNode.Parse(File.ReadAllText(_repo.PathOf("wiki/ledger.json")))!["entries"]!.AsArray().Should().ContainSingle();
    }

    [Fact]
    public async Task A_corrupt_ledger_is_named_at_its_line_and_left_as_it_is()
    {
        Runner("root", 1);
        const string corrupt = "{\n  \"entries\": [\n    {\"kind\": \"push\",, \"when\": \"2026-03-01T10:00:00Z\"}\n  ]\n}\n";
        _repo.Write("wiki/ledger.json", corrupt);

        var run = await RecordAsync();

        run.ExitCode.Should().Be(1, run.ToString());
        run.Output.Should().Contain("wiki/ledger.json:3:").And.Contain("not a Cascade ledger").And.Contain("Nothing was written to it");
        run.StackTraceLines.Should().BeEmpty(run.ToString());
        File.ReadAllText(_repo.PathOf("wiki/ledger.json")).Should().Be(corrupt, "a ledger that cannot be read is never overwritten");
        Directory.GetFiles(_repo.PathOf("wiki")).Should().ContainSingle("no page was written either");
    }

    [Fact]
    public void A_ledger_without_entries_is_not_taken_for_an_empty_one()
    {
        var path = _repo.PathOf("wiki/ledger.json");
        _repo.Write("wiki/ledger.json", "{}\n");

        var act = () => Ledger.Load(path);

        act.Should().Throw<InvalidDataException>().Which.Message.Should().StartWith(path + ":1:1: not a Cascade ledger");
    }

    [Fact]
    public async Task Entries_of_two_commits_fail_and_write_nothing()
    {
        Runner("root", 1);
        Runner("mid", 2, commit: new string('f', 40));

        var run = await RecordAsync();

        run.ExitCode.Should().Be(1, run.ToString());
        run.Output.Should().Contain("are not of one run").And.Contain("cascade-ledger-mid").And.Contain("cascade-ledger-root");
        Directory.Exists(_repo.PathOf("wiki")).Should().BeFalse("nothing is written");
    }

    [Fact]
    public async Task No_entries_leave_the_ledger_as_it_was_and_a_missing_from_is_explained()
    {
        Directory.CreateDirectory(_repo.PathOf("downloads"));
        var none = await RecordAsync();
        none.ExitCode.Should().Be(0, none.ToString());
        none.Output.Should().Contain("no job recorded anything; the ledger is unchanged");
        File.Exists(_repo.PathOf("wiki/ledger.json")).Should().BeFalse();

        var missing = await _repo.RunAsync("RecordEntries", "--wiki", "wiki");
        missing.ExitCode.Should().NotBe(0);
        missing.Output.Should().Contain("RecordEntries needs --from DIR");
    }

    /// <summary>A wiki folder without a ledger, while the local runs' ledger has entries: Docs and RecordEntries stop before
    /// writing anything (pages from an empty ledger would orphan every page of that history) and say how to bring it over;
    /// done so, the wiki's pages have that history.</summary>
    [Fact]
    public async Task Docs_and_RecordEntries_on_a_wiki_without_a_ledger_stop_and_say_how_to_bring_the_local_history_over()
    {
        Runner("root", 1);
        var local = _repo.PathOf($"artifacts/images/{Ledger.FileName}");
        Ledger.Empty.Append(Ledger.LoadEntry(_repo.PathOf($"downloads/cascade-ledger-root/images/{Ledger.EntryFileName}"))).Save(local);
        Directory.CreateDirectory(_repo.PathOf("wiki"));
        var wikiLedger = Path.Combine(_repo.PathOf("wiki"), Ledger.FileName);

        var docs = await _repo.RunAsync("Docs", "--wiki", "wiki");
        var record = await RecordAsync();

        foreach (var run in new[] { docs, record })
        {
            run.ExitCode.Should().NotBe(0, run.ToString());
            run.Output.Should().Contain($"{wikiLedger} does not exist, but {local} has 1 entry").And.Contain($"cp {local} {wikiLedger}")
                .And.Contain($"--ledger {wikiLedger}");
            run.StackTraceLines.Should().BeEmpty(run.ToString());
        }
        Directory.EnumerateFileSystemEntries(_repo.PathOf("wiki")).Should().BeEmpty("nothing is written");
        Directory.Exists(_repo.PathOf("artifacts/images/manifests")).Should().BeFalse("nothing is written");

        File.Copy(local, wikiLedger);
        var brought = await _repo.RunAsync("Docs", "--wiki", "wiki");
        brought.ExitCode.Should().Be(0, brought.ToString());
        File.ReadAllText(_repo.PathOf("wiki/Home.md")).Should().Contain($"[root](root-{new string('a', 12)})");
    }

    /// <summary>promote.yml: the GPU runner's TestGpu entry and the promote job's own entry are appended as they
    /// are, oldest first, beside a Push run's merged entry; recording them again (after a refused wiki push, on top
    /// of the wiki as another writer left it) appends each once.</summary>
    [Fact]
    public async Task A_gpu_test_entry_and_a_promotion_are_appended_as_they_are_and_once()
    {
        Runner("root", 1);
        Runner("mid", 2);
        Ledger.SaveEntry(_repo.PathOf($"gpu/images/{Ledger.EntryFileName}"), new LedgerEntry
        {
            Kind = LedgerKinds.GpuTest, When = Start.AddMinutes(10), Commit = Commit, Branch = "main", FromTag = "main",
            Images = [Image("mid", "passed", 'c') with { Digest = "sha256:" + new string('c', 64) }],
        });
        Ledger.SaveEntry(_repo.PathOf($"artifacts/images/{Ledger.EntryFileName}"), new LedgerEntry
        {
            Kind = LedgerKinds.Promote, When = Start.AddMinutes(11), Commit = Commit, Branch = "main", FromTag = "main", ToTags = ["stable"],
            Images = [Image("mid", "promoted", 'c') with { Digest = "sha256:" + new string('c', 64), Tags = ["stable"] }],
        });

        var run = await _repo.RunAsync("RecordEntries", "--from", "artifacts", "downloads", "gpu", "--wiki", "wiki");
        var again = await _repo.RunAsync("RecordEntries", "--from", "gpu", "artifacts", "--wiki", "wiki");

        run.ExitCode.Should().Be(0, run.ToString());
        again.ExitCode.Should().Be(0, again.ToString());
        var entries = JsonNode.Parse(File.ReadAllText(_repo.PathOf("wiki/ledger.json")))!["entries"]!.AsArray();
        entries.Select(e => (string?)e!["kind"]).Should().Equal(LedgerKinds.Push, LedgerKinds.GpuTest, LedgerKinds.Promote);
        File.ReadAllText(_repo.PathOf("wiki/Stable.md")).Should().Contain("mid");
    }
}
