using System.Text.RegularExpressions;

namespace Cascade.Tests.Docs;

/// <summary>The links of a Markdown page outside its code blocks, and the anchors GitHub gives its headings.</summary>
internal static partial class MarkdownLinks
{
    public static IEnumerable<string> Targets(string markdown) =>
        Prose(markdown).SelectMany(line => LinkPattern().Matches(StripCodeSpans(line)).Select(m => m.Groups[1].Value));

    /// <summary>GitHub's heading ids: lower case, punctuation dropped, spaces to dashes.</summary>
    public static IReadOnlySet<string> Anchors(string markdown) => Prose(markdown)
        .Where(line => line.StartsWith('#'))
        .Select(line => Slug(line.TrimStart('#').Trim()))
        .ToHashSet();

    public static string Slug(string heading) =>
        NotSlugPattern().Replace(heading.ToLowerInvariant(), "").Replace(' ', '-');

    /// <summary>The lines outside fenced code blocks.</summary>
    public static IEnumerable<string> Prose(string markdown)
    {
        string? fence = null;
        foreach (var line in markdown.Split('\n'))
        {
            var trimmed = line.TrimStart();
            var marker = FencePattern().Match(trimmed);
            if (fence is null && marker.Success) fence = marker.Value;
            else if (fence is not null && trimmed.StartsWith(fence, StringComparison.Ordinal) && trimmed.Trim() == fence) fence = null;
            else if (fence is null) yield return line;
        }
    }

    private static string StripCodeSpans(string line) => CodeSpanPattern().Replace(line, "");

    [GeneratedRegex(@"\[[^\]]*\]\(([^)\s]+)\)")]
    private static partial Regex LinkPattern();

    [GeneratedRegex(@"[^\p{L}\p{N}\- _]")]
    private static partial Regex NotSlugPattern();

    [GeneratedRegex(@"^(`{3,}|~{3,})")]
    private static partial Regex FencePattern();

    [GeneratedRegex(@"`[^`]*`")]
    private static partial Regex CodeSpanPattern();
}
