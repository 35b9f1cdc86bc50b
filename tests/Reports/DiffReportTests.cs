using Cascade.Publishing;
using Cascade.Reports;

namespace Cascade.Tests.Reports;

/// <summary>The Diff report as Markdown and as a terminal table.</summary>
public class DiffReportTests
{
    private static readonly DiffReport Report = new();

    private static ImageDiff Changed(int lines) => new()
    {
        Name = "app", Change = ImageChange.Changed, Before = "r/app:main", After = "r/app:fp-1",
        Uncompressed = new SizeChange(2_000_000, 1_500_000),
        Info = [new InfoChange("APT", "System packages", Enumerable.Range(1, lines).Select(i => new DiffLine(DiffLine.Added, $"pkg{i}")).ToList())],
    };

    [Theory]
    [InlineData(1_000_000L, 3_500_000L, "1.0 MB → 3.5 MB (+2.5 MB, +250.0%)")]
    [InlineData(2_000_000L, 1_500_000L, "2.0 MB → 1.5 MB (-500.0 KB, -25.0%)")]
    [InlineData(null, 1_500_000L, "– → 1.5 MB")]
    public void Sizes_say_before_after_and_the_signed_delta_with_its_percentage(long? before, long? after, string expected) =>
        DiffReport.Sizes(new SizeChange(before, after)).Should().Be(expected);

    [Fact]
    public void A_short_line_diff_is_shown_and_a_long_one_folded_in_markdown_and_cut_in_the_terminal()
    {
        Report.RenderMarkdown([Changed(3)]).Should().StartWith(DiffFile.CommentMarker)
            .And.Contain("| app | changed |  | 2.0 MB → 1.5 MB (-500.0 KB, -25.0%) |  | APT +3 -0 |")
            .And.Contain("```diff\n+ pkg1\n+ pkg2\n+ pkg3\n```").And.NotContain("<details>");
        Report.RenderMarkdown([Changed(Markdown.CollapseAfterLines + 5)]).Should().Contain($"<details><summary>{Markdown.CollapseAfterLines + 5} lines</summary>");
        Report.RenderTerminal([Changed(Markdown.CollapseAfterLines + 5)]).Should().Contain($"    + pkg{Markdown.CollapseAfterLines}\n    … 5 more lines")
            .And.NotContain($"pkg{Markdown.CollapseAfterLines + 1}\n");
    }

    [Fact]
    public void New_gone_and_unchanged_images_are_rows_without_details()
    {
        var text = Report.RenderTerminal([
            new ImageDiff { Name = "fresh", Change = ImageChange.New, Uncompressed = new SizeChange(null, 1000) },
            new ImageDiff { Name = "old", Change = ImageChange.Gone },
            new ImageDiff { Name = "base", Change = ImageChange.Unchanged },
        ]);

        text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().Equal(
            "IMAGE  CHANGE     COMPRESSED  UNCOMPRESSED  LAYERS  INFO", "fresh  new                    – → 1.0 KB", "old    gone", "base   unchanged");
    }
}
