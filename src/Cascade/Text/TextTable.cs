using System.Text;

namespace Cascade.Text;

/// <summary>A plain-text table for a terminal or a log: a header row, columns padded to their widest cell and two
/// spaces apart, the last column not padded, no trailing spaces.</summary>
internal static class TextTable
{
    public static string Render(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        var cells = rows.ToList();
        var widths = header.Select((h, i) => cells.Select(c => c[i].Length).Append(h.Length).Max()).ToArray();
        var sb = new StringBuilder();
        foreach (var line in cells.Prepend(header))
            sb.Append(string.Join("  ", line.Select((c, i) => i == line.Count - 1 ? c : c.PadRight(widths[i]))).TrimEnd()).Append('\n');
        return sb.ToString();
    }
}
