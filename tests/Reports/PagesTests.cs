using Cascade.Tests.Support;
using Cascade.Pipeline;
using Cascade.Publishing;
using Cascade.Reports;

namespace Cascade.Tests.Reports;

/// <summary>The pages and the gate, from ledgers written here (no Docker, no registry).</summary>
public sealed class PagesTests : IDisposable
{
    private readonly TempFolder _temp = new("cascade-pages-");
    private string _folder => _temp.Path;

    public void Dispose() => _temp.Dispose();

    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);
    private const string DigestA = "sha256:aaaaaaaaaaaa0000000000000000000000000000000000000000000000000000";
    private const string DigestB = "sha256:bbbbbbbbbbbb0000000000000000000000000000000000000000000000000000";

    private static LedgerEntry Push(string status = "succeeded", int minutes = 0) => new()
    {
        Kind = LedgerKinds.Push, When = Monday.AddMinutes(minutes), Commit = "1a2b3c4d5e6f", Branch = "main",
        SourceUrl = "https://github.com/o/r",
        Images =
        [
            new LedgerImage
            {
                Name = "base", Reference = "ghcr.io/o/base:sha-1a2b3c4", Digest = DigestA, Status = ImageStatus.Succeeded, Tags = ["main", "sha-1a2b3c4"],
                Facts = new ImageFacts
                {
                    Layers = [new LayerRow(Monday, "/bin/sh -c #(nop) COPY a | b", 1500), new LayerRow(Monday, "RUN x", 500)],
                    Info = [new InfoOutput("LONG", "Numbers", "seq 1 31", string.Join("\n", Enumerable.Range(1, 31)) + "\n"),
                            new InfoOutput("SHORT", "Hello", "echo hi | cat", "hi\n")],
                    Tests = [new PageTest("t.sh", TestOutcome.Passed), new PageTest("u.sh", TestOutcome.Skipped)],
                },
            },
            new LedgerImage { Name = "child", Reference = "ghcr.io/o/child:sha-1a2b3c4", Digest = status == "failed" ? null : DigestB, Status = Statuses.Of(status), Parents = ["base"] },
        ],
    };

    private static LedgerEntry Promotion(int minutes) => new()
    {
        Kind = LedgerKinds.Promote, When = Monday.AddMinutes(minutes), FromTag = "main", ToTags = ["stable"],
        Images = [new LedgerImage { Name = "base", Reference = "ghcr.io/o/base:main", Digest = DigestA, Status = ImageStatus.Promoted, Tags = ["stable"] }],
    };

    [Fact]
    public void Ledger_round_trips_and_pages_are_the_same_bytes_every_time()
    {
        var path = Path.Combine(_folder, "ledger.json");
        Ledger.Empty.Append(Push()).Append(Promotion(5)).Save(path);

        var first = DocsWriter.Pages(Ledger.Load(path), new PageLinks(wiki: true));
        Ledger.Load(path).Save(path);
        var second = DocsWriter.Pages(Ledger.Load(path), new PageLinks(wiki: true));

        second.Should().Equal(first);
        first.Keys.Should().BeEquivalentTo("Home.md", "Stable.md", "Stack.md", "base-aaaaaaaaaaaa.md", "child-bbbbbbbbbbbb.md");
    }

    [Fact]
    public void Image_page_has_its_tags_from_every_entry_a_cumulative_layer_table_and_folds_long_outputs()
    {
        var pages = DocsWriter.Pages(Ledger.Empty.Append(Push()).Append(Promotion(5)), new PageLinks(wiki: false));
        var page = pages["base-aaaaaaaaaaaa.md"];

        page.Should().Contain("| Tags | `main`, `sha-1a2b3c4`, `stable` |");
        page.Should().Contain("| Commit | [`1a2b3c4`](https://github.com/o/r/commit/1a2b3c4d5e6f) |");
        page.Should().Contain("| `COPY a \\| b` | 1.5 KB | 1.5 KB |").And.Contain("| `RUN x` | 500 B | 2.0 KB |");
        page.Should().Contain("<details><summary>31 lines</summary>");
        page.Should().Contain("`echo hi | cat`\n\n```text\nhi\n```", "30 lines or fewer are shown as they are");
        page.Should().Contain("1 passed, 1 skipped");
    }

    [Fact]
    public void Home_marks_promotions_newest_first_Stable_says_what_is_stable_and_Stack_colours_by_last_status()
    {
        var ledger = Ledger.Empty.Append(Push()).Append(Promotion(5)).Append(Push("failed", 10));
        var pages = DocsWriter.Pages(ledger, new PageLinks(wiki: true));

        var home = pages["Home.md"].Split('\n').Where(l => l.StartsWith("| 2026", StringComparison.Ordinal)).ToList();
        home.Should().HaveCount(3);
        home[0].Should().Contain("child (failed)");
        home[1].Should().Contain("**promoted** `main` → `stable`").And.Contain("[base](base-aaaaaaaaaaaa)");
        pages["Stable.md"].Should().Contain("| [base](base-aaaaaaaaaaaa) | `stable` | `main` |");
        pages["Stack.md"].Should().Contain("base --> child").And.Contain("class child failed").And.Contain("classDef failed fill:#cf222e")
            .And.Contain("click base \"base-aaaaaaaaaaaa\"");
    }

    [Fact]
    public void Job_summary_draws_this_run_and_links_each_page_on_the_wiki()
    {
        var text = JobSummary.Render(Push(), new PageLinks(wiki: true, "https://github.com/o/r/wiki"));

        text.Should().StartWith("### Cascade push of `main`");
        text.Should().Contain("class base succeeded").And.Contain("[base](https://github.com/o/r/wiki/base-aaaaaaaaaaaa)");
        text.Should().Contain($"| `{DigestA}` |");
    }

    [Theory]
    [InlineData("https://github.com/o/r", false, "[base](https://github.com/o/r/wiki/base-aaaaaaaaaaaa)")]
    [InlineData("https://github.com/o/r/", true, "[base](https://github.com/o/r/wiki/base-aaaaaaaaaaaa)")]
    [InlineData(null, true, "[base](base-aaaaaaaaaaaa)")]
    [InlineData(null, false, "[base](base-aaaaaaaaaaaa.md)")]
    public void Job_summary_links_are_absolute_to_the_wiki_when_the_repository_is_known(string? repository, bool wiki, string link)
    {
        var text = JobSummary.Render(Push(), PageLinks.ForSummary(repository, wiki));

        text.Should().Contain(link);
        text.Should().MatchRegex(@"\| (succeeded|failed) \| \d+(\.\d)?s \|", "times print as 12.3s, as everywhere");
    }

    [Fact]
    public void Gate_refuses_a_failed_gpu_run_until_a_later_one_passes_and_an_untested_gpu_image()
    {
        LedgerEntry Gpu(string status, int minutes) => new()
        {
            Kind = LedgerKinds.GpuTest, When = Monday.AddMinutes(minutes), FromTag = "main",
            Images = [new LedgerImage { Name = "base", Digest = DigestA, Status = Statuses.Of(status), Reason = "GPU test gpu/x.sh failed (exit 1)" }],
        };
        var question = new[] { new GateQuestion("base", DigestA, NeedsGpuTests: true) };

        PromotionGate.Refusals(Ledger.Empty.Append(Push()), question).Should().ContainSingle().Which.Should().Contain("have not passed");
        PromotionGate.Refusals(Ledger.Empty.Append(Push()).Append(Gpu("failed", 1)), question).Should().ContainSingle()
            .Which.Should().Contain("GPU tests failed").And.Contain("gpu/x.sh");
        PromotionGate.Refusals(Ledger.Empty.Append(Push()).Append(Gpu("failed", 1)).Append(Gpu("passed", 2)), question).Should().BeEmpty();
        PromotionGate.Refusals(Ledger.Empty.Append(Push()), [new GateQuestion("base", DigestA, false)]).Should().BeEmpty();
    }

    [Theory]
    [InlineData(30, false)]
    [InlineData(31, true)]
    public void Outputs_fold_beyond_thirty_lines(int lines, bool folded) =>
        Markdown.Output(string.Join("\n", Enumerable.Range(1, lines))).Contains("<details>").Should().Be(folded);
}
