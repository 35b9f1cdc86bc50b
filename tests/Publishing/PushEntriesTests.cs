using Cascade.Pipeline;
using Cascade.Publishing;
using Cascade.Reports;
using Cascade.Tests.Support;

namespace Cascade.Tests.Publishing;

/// <summary>
/// CI's image jobs each record a Push entry on their own runner (the image they ran, every other image of the
/// stack as unchanged); RecordEntries merges them into the one entry a local Push of those images writes.
/// </summary>
public sealed class PushEntriesTests : IDisposable
{
    private readonly TempFolder _temp = new("cascade-entries-");
    private string _folder => _temp.Path;

    public void Dispose() => _temp.Dispose();

    private static readonly DateTimeOffset Start = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);
    private const string Commit = "1a2b3c4d5e6f708192a3b4c5d6e7f80912345678";
    private static readonly string[] Stack = ["root", "mid", "leaf"];

    private static LedgerImage Ran(string name, char digit, params string[] parents) => new()
    {
        Name = name, Reference = $"ghcr.io/o/{name}:sha-1a2b3c4", Digest = "sha256:" + new string(digit, 64),
        Fingerprint = "sha256:" + new string((char)(digit + 1), 64), Status = ImageStatus.Succeeded, DurationS = 12.5,
        Parents = parents, Tags = ["main", "sha-1a2b3c4"],
        Facts = new ImageFacts
        {
            CompressedSize = 1200, UncompressedSize = 3400, Platform = "linux/amd64", Created = Start,
            Layers = [new LayerRow(Start, "RUN echo " + name, 42)], Tests = [new PageTest("tests_common/t.sh", TestOutcome.Passed)],
        },
    };

    private static LedgerImage Unchanged(string name, params string[] parents) => new()
    {
        Name = name, Reference = $"ghcr.io/o/{name}:fp-{name}", Fingerprint = "sha256:" + new string('f', 64),
        Status = ImageStatus.Unchanged, Parents = parents,
    };

    private static LedgerEntry Entry(DateTimeOffset when, params LedgerImage[] images) => new()
    {
        Kind = LedgerKinds.Push, When = when, Commit = Commit, Branch = "main", SourceUrl = "https://github.com/o/r", Images = images,
    };

    /// <summary>What `Push --images X --no-descendants` on X's own runner records: X run, the rest of the stack unchanged.</summary>
    private static LedgerEntry RunnerOf(string image, DateTimeOffset when) => Entry(when,
        image == "root" ? Ran("root", 'a') : Unchanged("root"),
        image == "mid" ? Ran("mid", 'c', "root") : Unchanged("mid", "root"),
        Unchanged("leaf", "mid"));

    private string Write(string artifact, LedgerEntry entry)
    {
        var path = Path.Combine(_folder, artifact, "images", Ledger.EntryFileName);
        Ledger.SaveEntry(path, entry);
        return path;
    }

    [Fact]
    public void Two_runners_records_merge_into_the_entry_one_local_push_of_both_images_writes_byte_for_byte()
    {
        // The runners finish in either order; the mid job (it waits on root) records last.
        Write("cascade-mid", RunnerOf("mid", Start.AddMinutes(3)));
        Write("cascade-root", RunnerOf("root", Start.AddMinutes(1)));

        var merged = PushEntries.Merge(PushEntries.Find(_folder), Stack);

        // A local `Push --images root mid --no-descendants`: both run, leaf unchanged, recorded when the run ends.
        var local = Entry(Start.AddMinutes(3), Ran("root", 'a'), Ran("mid", 'c', "root"), Unchanged("leaf", "mid"));
        var mergedFile = Path.Combine(_folder, "merged.json");
        var localFile = Path.Combine(_folder, "local.json");
        Ledger.Empty.Append(merged).Save(mergedFile);
        Ledger.Empty.Append(local).Save(localFile);
        File.ReadAllText(mergedFile).Should().Be(File.ReadAllText(localFile));
        merged.Images.Select(i => $"{i.Name} {i.Status.ToText()}").Should().Equal("root succeeded", "mid succeeded", "leaf unchanged");
    }

    [Fact]
    public void Images_come_in_the_stacks_order_whatever_order_the_files_are_found_in()
    {
        Write("a", Entry(Start, Ran("leaf", 'e', "mid")));
        Write("b", Entry(Start, Ran("root", 'a')));

        PushEntries.Merge(PushEntries.Find(_folder), Stack).Images.Select(i => i.Name).Should().Equal("root", "leaf");
    }

    [Fact]
    public void Entries_of_two_runs_are_refused_naming_both_files()
    {
        var root = Write("cascade-root", RunnerOf("root", Start));
        var mid = Write("cascade-mid", RunnerOf("mid", Start) with { Commit = "ffffffffffffffffffffffffffffffffffffffff" });

        var act = () => PushEntries.Merge(PushEntries.Find(_folder), Stack);

        act.Should().Throw<InvalidDataException>().Which.Message.Should()
            .Contain(mid).And.Contain(root).And.Contain("are not of one run (commit ").And.Contain(Commit).And.Contain(new string('f', 40));
    }

    [Fact]
    public void A_broken_entry_file_is_named()
    {
        var path = Path.Combine(_folder, "x", Ledger.EntryFileName);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "{\"kind\": ");

        var act = () => PushEntries.Find(_folder);

        act.Should().Throw<InvalidDataException>().Which.Message.Should().MatchRegex("^" + System.Text.RegularExpressions.Regex.Escape(path) +
            @":1:\d+: not a Cascade ledger entry", "the file and the line are named");
    }

    [Fact]
    public void The_ledger_knows_an_entry_it_has_so_a_rerun_appends_nothing()
    {
        var entry = PushEntries.Merge([new RecordedEntry("f", RunnerOf("root", Start))], Stack);
        var path = Path.Combine(_folder, "ledger.json");
        Ledger.Empty.Append(entry).Save(path);

        Ledger.Load(path).Contains(PushEntries.Merge([new RecordedEntry("f", RunnerOf("root", Start))], Stack)).Should().BeTrue();
        Ledger.Load(path).Contains(entry with { When = Start.AddSeconds(1) }).Should().BeFalse();
    }
}
