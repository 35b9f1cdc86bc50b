using Cascade.Publishing;
using System.Text;
using Cascade.Changes;

namespace Cascade.Reports;

/// <summary>
/// Prints a <see cref="BuildPlan"/> as a tree: each affected image under its first affected parent
/// (the FROM parent when it is affected), a diamond child referenced under its other affected
/// parents, each image with its reasons (the first few, then a count), and the unchanged images
/// dimmed and counted. Each image shows its short fingerprint and test fingerprint. Linear in the number of images, so a 5,000-image plan prints at once.
/// </summary>
/// <param name="output">Where the tree goes: stdout for `Plan`, the target's product.</param>
/// <param name="notes">Where the plan's notes go (`note: …`): stderr, with the other things said about the product.</param>
internal sealed class PlanTree(TextWriter output, TextWriter notes, bool useColour)
{
    /// <summary>Reasons shown per image before "… and N more".</summary>
    public int MaxReasons { get; init; } = 3;

    /// <summary>Unchanged images named before the rest are only counted.</summary>
    public int MaxUnchangedNames { get; init; } = 20;

    private const string Dim = "\u001b[2m", Bold = "\u001b[1m", Reset = "\u001b[0m";

    public void Print(BuildPlan plan)
    {
        var sb = new StringBuilder();
        var affected = plan.Images.Where(i => i.Affected).ToList();
        var unchanged = plan.Images.Where(i => !i.Affected).Select(i => i.Name).ToList();

        if (affected.Count == 0)
            sb.Append("Nothing to build: no image is affected.\n");
        else
            sb.Append($"Build {affected.Count} of {plan.Images.Count} image{Plural(plan.Images.Count)} " +
                      $"in {plan.Layers.Count} layer{Plural(plan.Layers.Count)}:\n");

        // Each affected image hangs under its first affected parent; its other affected parents only refer to it.
        var children = new Dictionary<string, List<(string Name, bool IsReference)>>(StringComparer.Ordinal);
        var treeRoots = new List<PlannedImage>();
        var isAffected = new HashSet<string>(affected.Select(i => i.Name), StringComparer.Ordinal);
        var byName = plan.Images.ToDictionary(i => i.Name, StringComparer.Ordinal);
        foreach (var image in affected)
        {
            var first = true;
            foreach (var parent in image.Parents.Where(isAffected.Contains))
            {
                if (!children.TryGetValue(parent, out var list)) children[parent] = list = [];
                list.Add((image.Name, !first));
                first = false;
            }
            if (first) treeRoots.Add(image);
        }

        // Iterative depth-first walk: a deep chain must not overflow the call stack.
        var stack = new Stack<(string Name, string Prefix, bool IsLast, bool IsReference, bool IsRoot)>();
        for (var i = treeRoots.Count - 1; i >= 0; i--) stack.Push((treeRoots[i].Name, "", i == treeRoots.Count - 1, false, true));
        while (stack.Count > 0)
        {
            var (name, prefix, isLast, isReference, isRoot) = stack.Pop();
            var image = byName[name];
            var connector = isRoot ? "" : isLast ? "└── " : "├── ";
            sb.Append(prefix).Append(connector);
            if (isReference)
            {
                var shownUnder = image.Parents.First(isAffected.Contains);
                sb.Append(Paint(Dim, $"{name} (see under {shownUnder})")).Append('\n');
                continue;
            }
            sb.Append(Paint(Bold, name));
            if (image.Fingerprint is { } fingerprint)
            {
                sb.Append(Paint(Dim, $"  fp {fingerprint.Short}{(fingerprint.Dirty ? " (uncommitted changes)" : "")}"));
                // The daemon's own platform goes without saying; `platforms:` is shown.
                if (fingerprint.Platform != Changes.Fingerprints.Fingerprinter.HostPlatform)
                    sb.Append(Paint(Dim, "  for " + fingerprint.Platform.Replace(",", ", ")));
            }
            if (image.TestFingerprint is { } tests) sb.Append(Paint(Dim, $"  tests {tests.Short}"));
            if (isRoot && image.Parents.Count > 0)
                sb.Append(Paint(Dim, $"  on {string.Join(", ", image.Parents)} (unchanged)"));
            sb.Append('\n');

            var kids = children.GetValueOrDefault(name);
            var childPrefix = isRoot ? "" : prefix + (isLast ? "    " : "│   ");
            var reasonPrefix = childPrefix + (kids is { Count: > 0 } ? "│ " : "  ") + "  ";
            var shown = Math.Min(image.Reasons.Count, MaxReasons);
            for (var r = 0; r < shown; r++)
                sb.Append(reasonPrefix).Append(Paint(Dim, "· ")).Append(image.Reasons[r]).Append('\n');
            if (image.Reasons.Count > shown)
                sb.Append(reasonPrefix).Append(Paint(Dim, $"… and {image.Reasons.Count - shown} more")).Append('\n');

            if (kids is null) continue;
            for (var k = kids.Count - 1; k >= 0; k--)
                stack.Push((kids[k].Name, childPrefix, k == kids.Count - 1, kids[k].IsReference, false));
        }

        if (unchanged.Count > 0)
        {
            var names = string.Join(", ", unchanged.Take(MaxUnchangedNames));
            var rest = unchanged.Count > MaxUnchangedNames ? $" … and {unchanged.Count - MaxUnchangedNames} more" : "";
            sb.Append(Paint(Dim, $"{unchanged.Count} image{Plural(unchanged.Count)} unchanged: {names}{rest}")).Append('\n');
        }
        output.Write(sb.ToString());
        foreach (var note in plan.Notes) notes.WriteLine("note: " + note);
    }

    private string Paint(string style, string text) => useColour ? style + text + Reset : text;

    private static string Plural(int n) => n == 1 ? "" : "s";
}
