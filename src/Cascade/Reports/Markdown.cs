using Cascade.Publishing;
using System.Globalization;

namespace Cascade.Reports;

/// <summary>The few Markdown rules every generated page shares: table cells, code, sizes, dates, links.</summary>
internal static class Markdown
{
    /// <summary>Outputs longer than this many lines are collapsed in &lt;details&gt;.</summary>
    public const int CollapseAfterLines = 30;

    public static string Cell(string? text) =>
        string.IsNullOrEmpty(text) ? "" : text.Replace("\\", "\\\\").Replace("|", "\\|").Replace("\r", "").Replace("\n", "<br>");

    /// <summary>Inline code fit for a table cell: GitHub splits cells at every unescaped '|', in code spans too.</summary>
    public static string Code(string? text) => string.IsNullOrEmpty(text) ? "" : "`" + text.Replace("`", "'").Replace("|", "\\|").Replace("\n", " ") + "`";

    /// <summary>Inline code outside a table, kept as written.</summary>
    public static string CodeText(string text) => "`" + text.Replace("`", "'").Replace("\n", " ") + "`";

    public static string Link(string text, string target) => $"[{text.Replace("]", "\\]")}]({target})";

    public static string Size(long? bytes)
    {
        if (bytes is not { } b) return "";
        string[] units = ["B", "KB", "MB", "GB", "TB"];
        double value = b;
        var unit = 0;
        while (value >= 1000 && unit < units.Length - 1) { value /= 1000; unit++; }
        return unit == 0 ? $"{b} B" : value.ToString("0.0", CultureInfo.InvariantCulture) + " " + units[unit];
    }

    /// <summary>A fenced block; beyond <see cref="CollapseAfterLines"/> lines, folded in &lt;details&gt;.</summary>
    /// <param name="language">The block's language: text, or diff (GitHub colours its + and - lines).</param>
    public static string Output(string text, string language = "text")
    {
        var body = text.Replace("\r", "").TrimEnd('\n');
        var fence = body.Contains("```", StringComparison.Ordinal) ? "~~~~" : "```";
        var block = $"{fence}{language}\n{body}\n{fence}\n";
        var lines = body.Length == 0 ? 0 : body.Split('\n').Length;
        return lines <= CollapseAfterLines ? block
            : $"<details><summary>{lines} lines</summary>\n\n{block}\n</details>\n";
    }

    /// <summary>A table with a header row; cells are escaped by the caller (they may hold links).</summary>
    public static string Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        var sb = new System.Text.StringBuilder();
        sb.Append("| ").Append(string.Join(" | ", header)).Append(" |\n");
        sb.Append('|').Append(string.Concat(header.Select(_ => "---|"))).Append('\n');
        foreach (var row in rows) sb.Append("| ").Append(string.Join(" | ", row)).Append(" |\n");
        return sb.ToString();
    }

    public static string ShortDigest(string? digest) =>
        digest is null ? "" : digest[(digest.IndexOf(':') + 1)..] is var hex && hex.Length > 12 ? hex[..12] : digest;
}
