using Cascade.Tests.Support;
using Cascade.Pipeline;
using Cascade.Publishing;
using Cascade.Reports;

namespace Cascade.Tests.Publishing;

/// <summary>Which entries make a history row, which commit a promotion names, and a wiki without a ledger:
/// from ledgers written here (no Docker, no registry).</summary>
public sealed class HistoryRowsTests : IDisposable
{
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);
    private const string A1 = "sha256:a1a1a1a1a1a10000000000000000000000000000000000000000000000000000";
    private const string A2 = "sha256:a2a2a2a2a2a20000000000000000000000000000000000000000000000000000";
    private const string B1 = "sha256:b1b1b1b1b1b10000000000000000000000000000000000000000000000000000";
    private readonly TempFolder _temp = new("cascade-history-");
    private string _folder => _temp.Path;

    public void Dispose() => _temp.Dispose();

    private static LedgerImage Image(string name, string status, string? digest, string[] tags, ImageFacts? facts = null) =>
        new() { Name = name, Status = Statuses.Of(status), Digest = digest, Tags = tags, Facts = facts };

    private static LedgerEntry Push(int hours, string commit, params LedgerImage[] images) =>
        new() { Kind = LedgerKinds.Push, When = Monday.AddHours(hours), Commit = commit, Branch = "main", Images = images };

    /// <summary>base built at c1 (A1), child at c1 (B1); base built again at c2 (A2), child unchanged.</summary>
    private static Ledger History() => Ledger.Empty
        .Append(Push(0, "c1", Image("base", "succeeded", A1, ["main", "sha-c1"]), Image("child", "succeeded", B1, ["main", "sha-c1"])))
        .Append(Push(1, "c2", Image("base", "succeeded", A2, ["main", "sha-c2"]), Image("child", "unchanged", null, [])));

    [Fact]
    public void A_push_that_only_reused_under_tags_already_on_those_digests_changes_nothing()
    {
        var again = Push(2, "c2", Image("base", "reused", A2, ["main", "sha-c2"]), Image("child", "unchanged", null, []));

        History().ChangesNothing(again).Should().BeTrue();
    }

    [Fact]
    public void A_push_that_built_tested_failed_or_moved_a_tag_is_a_row()
    {
        var ledger = History();
        LedgerEntry With(LedgerImage baseImage) => Push(2, "c2", baseImage, Image("child", "unchanged", null, []));
        var tested = new ImageFacts { Tests = [new PageTest("t.sh", TestOutcome.Passed)] };

        ledger.ChangesNothing(With(Image("base", "succeeded", A2, ["main", "sha-c2"]))).Should().BeFalse("it built");
        ledger.ChangesNothing(With(Image("base", "reused", A2, ["main", "sha-c2"], tested))).Should().BeFalse("it ran tests");
        ledger.ChangesNothing(With(Image("base", "failed", null, []))).Should().BeFalse("it failed");
        ledger.ChangesNothing(With(Image("base", "reused", A2, ["dev", "sha-c2"]))).Should().BeFalse("dev is a new tag");
        ledger.ChangesNothing(With(Image("base", "reused", A1, ["main", "sha-c1"]))).Should().BeFalse("main moves back to A1");
        ledger.ChangesNothing(Push(2, "c2", Image("base", "reused", A2, ["main", "sha-c2"]), Image("child", "reused", B1, ["main", "sha-c2"])))
            .Should().BeFalse("child gets sha-c2 for the first time");
        ledger.ChangesNothing(With(Image("base", "reused", A2, ["main", "sha-c2"])) with { Kind = LedgerKinds.GpuTest })
            .Should().BeFalse("only a Push can be a no-op");
    }

    [Fact]
    public void A_promotion_names_the_newest_commit_its_images_were_built_at_and_none_for_digests_the_ledger_never_saw()
    {
        var ledger = History()
            .Append(Push(2, "c3", Image("base", "reused", A2, ["dev", "sha-c3"]), Image("child", "reused", B1, ["dev", "sha-c3"])));

        ledger.BuiltFrom([("base", A2), ("child", B1)])!.Commit.Should().Be("c2", "A2 was built at c2 (B1 at c1); c3 only reused them");
        ledger.BuiltFrom([("child", B1)])!.Commit.Should().Be("c1");
        ledger.BuiltFrom([("base", "sha256:" + new string('9', 64))]).Should().BeNull();
    }

    [Fact]
    public void A_wiki_without_a_ledger_beside_a_local_ledger_with_entries_is_a_problem_that_says_both_ways_on()
    {
        var wiki = Path.Combine(_folder, "wiki", Ledger.FileName);
        var local = Path.Combine(_folder, "artifacts", Ledger.FileName);

        WikiLedger.Problem(wiki, local).Should().BeNull("no local history to lose");
        Ledger.Empty.Save(local);
        WikiLedger.Problem(wiki, local).Should().BeNull("an empty local ledger has nothing to lose");
        History().Save(local);
        WikiLedger.Problem(wiki, local).Should().Contain("has 2 entries").And.Contain($"cp {local} {wiki}").And.Contain($"--ledger {wiki}");
        Ledger.Empty.Save(wiki);
        WikiLedger.Problem(wiki, local).Should().BeNull("the wiki has a ledger of its own");
    }
}
