using Cascade.Pipeline;
using Cascade.Publishing;
using Cascade.Reports;

namespace Cascade.Tests.Reports;

/// <summary>Content tags (`tags:`) on the image's page and in Home, from ledgers written here (no Docker, no registry).</summary>
public sealed class ContentTagPagesTests
{
    private const string Old = "sha256:aaaaaaaaaaaa0000000000000000000000000000000000000000000000000000";
    private const string New = "sha256:bbbbbbbbbbbb0000000000000000000000000000000000000000000000000000";

    private static LedgerEntry Push(int day, string digest, params string[] contentTags) => new()
    {
        Kind = LedgerKinds.Push, When = new DateTimeOffset(2026, 12, day, 9, 0, 0, TimeSpan.Zero), Branch = "main",
        Images =
        [
            new LedgerImage
            {
                Name = "base", Digest = digest, Status = ImageStatus.Succeeded, Tags = ["main", .. contentTags],
                ContentTags = contentTags.Length == 0 ? null : contentTags,
            },
        ],
    };

    private static IReadOnlyDictionary<string, string> Pages(params LedgerEntry[] entries) =>
        DocsWriter.Pages(new Ledger(entries), new PageLinks(wiki: false));

    [Fact]
    public void Home_lists_each_content_tag_with_the_digest_it_names_now()
    {
        // python-3.11 moved to the new build; lab-4.1 stayed on the old one, which the new build did not get.
        var home = Pages(Push(1, Old, "python-3.11", "lab-4.1"), Push(2, New, "python-3.11", "lab-4.2"))["Home.md"];

        home.Should().Contain("## Content tags")
            .And.Contain($"| [base](base-bbbbbbbbbbbb.md) | `python-3.11` | `{New}` |")
            .And.Contain($"| [base](base-aaaaaaaaaaaa.md) | `lab-4.1` | `{Old}` |")
            .And.Contain($"| [base](base-bbbbbbbbbbbb.md) | `lab-4.2` | `{New}` |");
        home.Should().NotContain($"| `python-3.11` | `{Old}` |");
    }

    [Fact]
    public void The_image_page_has_a_content_tags_row_and_pages_without_them_do_not()
    {
        var pages = Pages(Push(1, Old), Push(2, New, "python-3.11"));

        pages["base-bbbbbbbbbbbb.md"].Should().Contain("| Content tags | `python-3.11` |");
        pages["base-aaaaaaaaaaaa.md"].Should().NotContain("Content tags");
        Pages(Push(1, Old))["Home.md"].Should().NotContain("Content tags", "a stack without tags: keeps its Home as it was");
    }
}
