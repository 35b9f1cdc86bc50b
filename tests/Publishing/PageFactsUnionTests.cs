using Cascade.Tests.Support;
using Cascade.Pipeline;
using Cascade.Publishing;
using Cascade.Reports;

namespace Cascade.Tests.Publishing;

/// <summary>A page renders what every record of its digest knew: a later push that reused the digest (untested,
/// on a machine without some of its layers) adds its tags and its run, and erases nothing.</summary>
public sealed class PageFactsUnionTests
{
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);
    private const string Digest = "sha256:aaaaaaaaaaaa0000000000000000000000000000000000000000000000000000";
    private const string Amd64 = "sha256:1111111111110000000000000000000000000000000000000000000000000000";
    private const string Arm64 = "sha256:2222222222220000000000000000000000000000000000000000000000000000";

    private static LedgerEntry Entry(string kind, int hours, string commit, string status, string[] tags, ImageFacts? facts, string branch = "main") => new()
    {
        Kind = kind, When = Monday.AddHours(hours), Commit = commit, Branch = branch, FromTag = kind == LedgerKinds.Promote ? "main" : null,
        ToTags = kind == LedgerKinds.Promote ? tags : [],
        Images = [new LedgerImage { Name = "base", Reference = "ghcr.io/o/base:sha-" + commit[..7], Digest = Digest, Status = Statuses.Of(status), Tags = tags, Facts = facts }],
    };

    private static readonly ImageFacts Tested = new()
    {
        CompressedSize = 1_000, UncompressedSize = 3_000, Platform = "linux/amd64", Created = Monday,
        BuildArgs = new Dictionary<string, string> { ["FLAVOUR"] = "mild" },
        Tests = [new PageTest("tests_common/shell.sh", TestOutcome.Passed), new PageTest("base/test/marker.sh", TestOutcome.Passed)],
        Layers = [new LayerRow(Monday, "RUN make", 3_000)],
        Info = [new InfoOutput("SHORT", "Greeting", "echo hello", "hello\n")],
    };

    /// <summary>What a later Push that reused the digest from the registry gathers: no tests ran, and (on a runner
    /// that pulled nothing) no layers; an info command added to the spec since ran once more.</summary>
    private static readonly ImageFacts Reused = new()
    {
        CompressedSize = 1_000, Platform = "linux/amd64",
        Info = [new InfoOutput("SHORT", "Greeting", "echo hello", "hello again\n"), new InfoOutput("ARCH", "Architecture", "uname -m", "x86_64\n")],
    };

    [Fact]
    public void A_promoted_images_page_keeps_its_tests_layers_and_info_after_a_later_push_reused_it()
    {
        var ledger = Ledger.Empty
            .Append(Entry(LedgerKinds.Push, 0, "1a2b3c4d5e6f", "succeeded", ["main", "sha-1a2b3c4"], Tested))
            .Append(Entry(LedgerKinds.Promote, 1, "1a2b3c4d5e6f", "promoted", ["stable"], null))
            .Append(Entry(LedgerKinds.Push, 2, "9f8e7d6c5b4a", "reused", ["dev", "sha-9f8e7d6"], Reused, branch: "dev"));

        var page = DocsWriter.Pages(ledger, new PageLinks(wiki: true))["base-aaaaaaaaaaaa.md"];

        page.Should().Contain("2 passed").And.Contain("| tests_common/shell.sh | passed |").And.Contain("| base/test/marker.sh | passed |")
            .And.NotContain("No tests were recorded");
        page.Should().Contain("| `RUN make` | 3.0 KB | 3.0 KB |", "the first push's layers stay").And.Contain("| Uncompressed size | 3.0 KB |");
        page.Should().Contain("| `FLAVOUR` | `mild` |");
        page.Should().Contain("## Greeting\n\n`echo hello`\n\n```text\nhello again\n```", "the newer output of the same command wins")
            .And.Contain("## Architecture");
        page.Should().Contain("| Tags | `main`, `sha-1a2b3c4`, `stable`, `dev`, `sha-9f8e7d6` |");
        page.Should().Contain("| Commit | `1a2b3c4` |", "the page names the push that brought the digest");
        var runs = page[page.IndexOf("## Runs", StringComparison.Ordinal)..page.IndexOf("## Layers", StringComparison.Ordinal)];
        runs.Split('\n').Where(l => l.StartsWith("| 2026", StringComparison.Ordinal)).Should().Equal(
            "| 2026-03-02 12:00 UTC | push `dev` | `9f8e7d6` | reused | `dev`, `sha-9f8e7d6` |",
            "| 2026-03-02 11:00 UTC | **promoted** `main` → `stable` | `1a2b3c4` | promoted | `stable` |",
            "| 2026-03-02 10:00 UTC | push `main` | `1a2b3c4` | succeeded | `main`, `sha-1a2b3c4` |");
    }

    [Fact]
    public void A_multi_platform_images_page_keeps_each_platforms_tests_and_layers_after_a_reuse()
    {
        var first = new ImageFacts
        {
            Tests = [new PageTest("arch.sh (linux/amd64)", TestOutcome.Passed), new PageTest("arch.sh (linux/arm64)", TestOutcome.Passed)],
            Platforms =
            [
                new PlatformFacts { Platform = "linux/amd64", Digest = Amd64, CompressedSize = 1_000, UncompressedSize = 2_000, Layers = [new LayerRow(Monday, "RUN amd", 2_000)] },
                new PlatformFacts { Platform = "linux/arm64", Digest = Arm64, CompressedSize = 1_100, UncompressedSize = 2_100, Layers = [new LayerRow(Monday, "RUN arm", 2_100)] },
            ],
            InfoPlatform = "linux/amd64", Info = [new InfoOutput("ARCH", "Architecture", "uname -m", "x86_64\n")],
        };
        // A reuse on a machine that has neither platform's image: the registry's digests and sizes, nothing else.
        var reuse = new ImageFacts
        {
            Platforms = [new PlatformFacts { Platform = "linux/amd64", Digest = Amd64, CompressedSize = 1_000 }, new PlatformFacts { Platform = "linux/arm64", Digest = Arm64, CompressedSize = 1_100 }],
        };
        var ledger = Ledger.Empty
            .Append(Entry(LedgerKinds.Push, 0, "1a2b3c4d5e6f", "succeeded", ["main"], first))
            .Append(Entry(LedgerKinds.Push, 1, "9f8e7d6c5b4a", "reused", ["dev"], reuse, branch: "dev"));

        var page = DocsWriter.Pages(ledger, new PageLinks(wiki: true))["base-aaaaaaaaaaaa.md"];

        page.Should().Contain("| arch.sh (linux/arm64) | passed |").And.Contain("| arch.sh (linux/amd64) | passed |");
        page.Should().Contain($"| linux/arm64 | `{Arm64}` | 1.1 KB | 2.1 KB |").And.Contain("| `RUN arm` |").And.Contain("| `RUN amd` |");
        page.Should().Contain("`uname -m` (run in the linux/amd64 image)");
    }

    [Fact]
    public void A_later_test_run_of_the_same_digest_updates_its_tests_and_adds_new_ones()
    {
        var retested = new ImageFacts { Tests = [new PageTest("base/test/marker.sh", TestOutcome.Skipped), new PageTest("base/test/new.sh", TestOutcome.Passed)] };

        var union = ImageFactsUnion.Of([Tested, null, retested])!;

        union.Tests.Should().Equal(new PageTest("tests_common/shell.sh", TestOutcome.Passed), new PageTest("base/test/marker.sh", TestOutcome.Skipped),
            new PageTest("base/test/new.sh", TestOutcome.Passed));
        union.Layers.Should().Equal(Tested.Layers);
        ImageFactsUnion.Of([null, null]).Should().BeNull();
    }
}
