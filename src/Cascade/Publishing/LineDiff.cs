using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace Cascade.Publishing;

/// <summary>One line a change added (<c>+</c>) or removed (<c>-</c>).</summary>
internal sealed record DiffLine(char Sign, string Text)
{
    public const char Added = '+';
    public const char Removed = '-';

    public override string ToString() => $"{Sign} {Text}";
}

/// <summary>
/// The lines that differ between two outputs of one command (pip list, conda list, apt list --installed): DiffPlex's
/// line diff (a longest-common-subsequence diff, well kept and tested), whitespace counted, unchanged lines left out. A
/// package whose version changed is its old line removed and its new one added, next to each other.
/// </summary>
internal static class LineDiff
{
    public static IReadOnlyList<DiffLine> Changes(string before, string after) =>
        InlineDiffBuilder.Diff(Normalised(before), Normalised(after), ignoreWhiteSpace: false).Lines
            .Where(l => l.Type is ChangeType.Inserted or ChangeType.Deleted)
            .Select(l => new DiffLine(l.Type == ChangeType.Inserted ? DiffLine.Added : DiffLine.Removed, l.Text))
            .ToList();

    // A command's output with CRLF or without a last newline is the same list of lines.
    private static string Normalised(string text) => text.Replace("\r", "").TrimEnd('\n');
}
