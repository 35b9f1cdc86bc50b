using Cascade.Publishing;
namespace Cascade.Reports;

/// <summary>
/// Writes every page from the ledger alone: one per pushed image, Home, Stable and Stack. The same ledger
/// always gives the same bytes (no clock, no machine, no order that a dictionary could change).
/// </summary>
internal static class DocsWriter
{
    /// <summary>The pages, by file name.</summary>
    public static IReadOnlyDictionary<string, string> Pages(Ledger ledger, PageLinks links)
    {
        var view = new LedgerView(ledger);
        var pages = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            [PageLinks.FileName(PageLinks.Home)] = HistoryPages.Home(view, links),
            [PageLinks.FileName(PageLinks.Stable)] = HistoryPages.Stable(view, links),
            [PageLinks.FileName(PageLinks.Stack)] = HistoryPages.Stack(view, links),
        };
        foreach (var image in view.Pushed())
            pages[PageLinks.FileName(image.Page)] = ImagePage.Render(image, links);
        return pages;
    }

    /// <summary>Writes the pages into <paramref name="folder"/>; returns how many.</summary>
    public static int Write(Ledger ledger, string folder, PageLinks links)
    {
        Directory.CreateDirectory(folder);
        var pages = Pages(ledger, links);
        foreach (var (file, text) in pages)
            File.WriteAllText(Path.Combine(folder, file), text);
        return pages.Count;
    }
}
