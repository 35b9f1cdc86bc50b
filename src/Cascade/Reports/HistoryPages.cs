using Cascade.Text;
using Cascade.Pipeline;
using Cascade.Publishing;
using System.Text;
using static Cascade.Reports.Markdown;

namespace Cascade.Reports;

/// <summary>Home (the history, newest first), Stable (what is stable now) and Stack (the graph by last status).</summary>
internal static class HistoryPages
{
    public static string Home(LedgerView view, PageLinks links)
    {
        var sb = new StringBuilder("# Image history\n\n").Append(ImagePage.GeneratedNote(links)).Append('\n');
        if (view.Ledger.Entries.Count == 0) return sb.Append("Nothing has been pushed yet.\n").ToString();
        var rows = view.Ledger.Entries.Reverse().Select(e => (IReadOnlyList<string>)
            [Timestamps.Utc(e.When), Event(e), ImagePage.CommitLink(e), string.Join(", ", e.Images.Select(i => ImageCell(i, links)))]);
        sb.Append(Table(["Date", "Event", "Commit", "Images"], rows));
        return ContentTags(view, links) is { } contentTags ? sb.Append('\n').Append(contentTags).ToString() : sb.ToString();
    }

    /// <summary>Home's list of the tags filled from inside the images (`tags:`) and the digest each names now; null when
    /// no image has any.</summary>
    private static string? ContentTags(LedgerView view, PageLinks links)
    {
        var tags = view.ContentTags();
        if (tags.Count == 0) return null;
        var rows = tags.Select(t => (IReadOnlyList<string>)[PageCell(t.Image, links), Code(t.Tag), Code(t.Image.Digest)]);
        return "## Content tags\n\nTags filled from commands run inside each image (its `tags:`), and the digest each names now.\n\n" +
               Table(["Image", "Tag", "Digest"], rows);
    }

    public static string Stable(LedgerView view, PageLinks links)
    {
        var sb = new StringBuilder("# Stable images\n\n").Append(ImagePage.GeneratedNote(links)).Append('\n');
        var stable = view.Stable();
        if (stable.Count == 0) return sb.Append("Nothing has been promoted yet.\n").ToString();
        var rows = stable.Select(s => (IReadOnlyList<string>)
        [
            PageCell(s.Image, links), string.Join(", ", s.Entry.ToTags.Select(t => Code(t))), Code(s.Entry.FromTag),
            Code(s.Image.Digest), Timestamps.Utc(s.Entry.When),
        ]);
        return sb.Append(Table(["Image", "Tags", "Promoted from", "Digest", "Date"], rows)).ToString();
    }

    public static string Stack(LedgerView view, PageLinks links)
    {
        var status = view.LastStatus();
        var pages = LatestPages(view, links);
        var sb = new StringBuilder("# Stack\n\n").Append(ImagePage.GeneratedNote(links)).Append('\n');
        sb.Append("Each image is coloured by its last recorded status.\n\n");
        sb.Append(StackMermaid.Render(view.Parents(), status, pages)).Append('\n');
        var rows = view.Ledger.ImageNames.Select(n => (IReadOnlyList<string>)
            [pages.TryGetValue(n, out var page) ? Link(n, page) : n, status[n].ToText()]);
        return sb.Append(Table(["Image", "Last status"], rows)).ToString();
    }

    /// <summary>Each image's latest page (its last record with a digest).</summary>
    public static Dictionary<string, string> LatestPages(LedgerView view, PageLinks links) =>
        view.Ledger.ImageNames
            .Select(n => (Name: n, Page: view.Ledger.RecordsOf(n).Select(r => LedgerView.PageOf(r.Image)).LastOrDefault(p => p is not null)))
            .Where(p => p.Page is not null)
            .ToDictionary(p => p.Name, p => links.To(p.Page!), StringComparer.Ordinal);

    /// <summary>What an entry was, in a few words: Home's and each image page's Event column.</summary>
    public static string Event(LedgerEntry e) => e.Kind switch
    {
        LedgerKinds.Promote => $"**promoted** {Code(e.FromTag)} → {string.Join(", ", e.ToTags.Select(t => Code(t)))}",
        LedgerKinds.GpuTest => $"GPU tests of {Code(e.FromTag)}",
        _ => $"push {Code(e.Branch)}",
    };

    private static string ImageCell(LedgerImage image, PageLinks links) =>
        PageCell(image, links) + (image.Status.GoesWithoutSaying() ? "" : $" ({image.Status.ToText()})");

    private static string PageCell(LedgerImage image, PageLinks links) =>
        LedgerView.PageOf(image) is { } page ? Link(image.Name, links.To(page)) : image.Name;
}
