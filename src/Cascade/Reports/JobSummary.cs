using Cascade.Pipeline;
using Cascade.Publishing;
using System.Text;
using Cascade.Stacks;
using static Cascade.Reports.Markdown;

namespace Cascade.Reports;

/// <summary>The short Markdown a Push or Promote appends to GITHUB_STEP_SUMMARY: this run's graph and table.</summary>
internal static class JobSummary
{
    public const string Variable = "GITHUB_STEP_SUMMARY";

    public static string Render(LedgerEntry entry, PageLinks links)
    {
        var title = entry.Kind == LedgerKinds.Promote
            ? $"Promoted {Code(entry.FromTag)} → {string.Join(", ", entry.ToTags.Select(t => Code(t)))}"
            : $"Cascade {entry.Kind} of {Code(entry.Branch)}";
        var parents = entry.Images.ToDictionary(i => i.Name, i => (IReadOnlyList<string>)i.Parents.Where(p => entry.Images.Any(x => x.Name == p)).ToList());
        var status = entry.Images.ToDictionary(i => i.Name, i => i.Status);
        var pages = entry.Images.Where(i => i.Digest is not null).ToDictionary(i => i.Name, i => links.Absolute(LedgerView.PageOf(i)!));
        var rows = entry.Images.Select(i => (IReadOnlyList<string>)
        [
            pages.TryGetValue(i.Name, out var page) ? Link(i.Name, page) : i.Name,
            i.Status.ToText(), Durations.Elapsed(TimeSpan.FromSeconds(i.DurationS)), Code(i.Digest), Cell(i.Reason),
        ]);
        return new StringBuilder($"### {title}\n\n")
            .Append(StackMermaid.Render(parents, status, pages)).Append('\n')
            .Append(Table(["Image", "Status", "Time", "Digest", "Reason"], rows)).Append('\n')
            .ToString();
    }

    /// <summary>Appends to the file GitHub names in <see cref="Variable"/>; does nothing when it is unset.</summary>
    public static void AppendIfRequested(Func<string, string?> environment, LedgerEntry entry, PageLinks links)
    {
        if (environment(Variable) is not { Length: > 0 } path) return;
        File.AppendAllText(path, Render(entry, links));
    }
}
