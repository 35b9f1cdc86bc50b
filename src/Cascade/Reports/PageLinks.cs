using Cascade.Publishing;
namespace Cascade.Reports;

/// <summary>
/// Page names and how pages link to each other. A GitHub wiki serves `Name.md` as `/wiki/Name` and links
/// between pages are written without `.md`; a plain folder of Markdown files (the manifests folder, browsed
/// on GitHub or locally) needs the `.md`. Names keep to letters, digits, '-', '_' and '.', which both accept.
/// </summary>
internal sealed class PageLinks(bool wiki, string? wikiUrl = null)
{
    public const string Home = "Home";
    public const string Stable = "Stable";
    public const string Stack = "Stack";

    public bool IsWiki => wiki;

    /// <summary>The page of one pushed image: its name and the first 12 hex digits of its digest.</summary>
    public static string ImagePage(string image, string digest) => $"{image}-{Markdown.ShortDigest(digest)}";

    public static string FileName(string page) => page + ".md";

    /// <summary>A link from one generated page to another.</summary>
    public string To(string page) => wiki ? page : FileName(page);

    /// <summary>How the job summary links the pages: on GitHub a repository's pages are published to its wiki (the
    /// workflows' wiki job puts them there), so with the repository known (`GITHUB_SERVER_URL/GITHUB_REPOSITORY`)
    /// each link is absolute, `…/wiki/Page`; else as the pages link each other.</summary>
    public static PageLinks ForSummary(string? repositoryUrl, bool wiki) =>
        repositoryUrl is { Length: > 0 } url ? new PageLinks(wiki: true, url.TrimEnd('/') + "/wiki") : new PageLinks(wiki);

    /// <summary>A link from outside the pages (the job summary): the wiki's URL when known.</summary>
    public string Absolute(string page) => wikiUrl is null ? To(page) : $"{wikiUrl.TrimEnd('/')}/{page}";
}
