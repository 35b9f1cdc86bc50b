using Cascade.Publishing;
using System.Text;
using Cascade.Changes;

namespace Cascade.Reports;

/// <summary>
/// Prints a <see cref="BuildPlan"/> as a tree: each affected image under its first affected parent
/// (the FROM parent when it is affected), a diamond child referenced under its other affected
/// parents, each image with its reasons (the first few, then a count), and the unchanged images
/// dimmed and counted. Each image shows its short fingerprint and test fingerprint; with --explain, the inputs that
/// moved since each one's previous build follow the tree. Linear in the number of images, so a 5,000-image plan prints at once.
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
        if (affected.Count == 0)
            sb.Append("Nothing to build: no image is affected.\n");
        else
            sb.Append($"Build {affected.Count} of {plan.Images.Count} image{Plural(plan.Images.Count)} " +
                      $"in {plan.Layers.Count} layer{Plural(plan.Layers.Count)}:\n");
        Walk(sb, Tree.Of(plan, affected));
        AppendUnchanged(sb, plan.Images.Where(i => !i.Affected).Select(i => i.Name).ToList());
        AppendExplanations(sb, plan.Explanations);
        output.Write(sb.ToString());
        foreach (var note in plan.Notes) notes.WriteLine("note: " + note);
    }

    /// <summary>The affected images as a tree: each under its first affected parent, its other affected parents only
    /// referring to it; the roots are those with no affected parent.</summary>
    private sealed record Tree(
        Dictionary<string, List<(string Name, bool IsReference)>> Children, List<PlannedImage> Roots,
        HashSet<string> Affected, Dictionary<string, PlannedImage> ByName)
    {
        public static Tree Of(BuildPlan plan, IReadOnlyList<PlannedImage> affected)
        {
            var tree = new Tree(new(StringComparer.Ordinal), [], new(affected.Select(i => i.Name), StringComparer.Ordinal),
                plan.Images.ToDictionary(i => i.Name, StringComparer.Ordinal));
            foreach (var image in affected)
            {
                var first = true;
                foreach (var parent in image.Parents.Where(tree.Affected.Contains))
                {
                    if (!tree.Children.TryGetValue(parent, out var list)) tree.Children[parent] = list = [];
                    list.Add((image.Name, !first));
                    first = false;
                }
                if (first) tree.Roots.Add(image);
            }
            return tree;
        }
    }

    /// <summary>One line of the tree to print: an image, or a reference to one shown under another parent.</summary>
    private sealed record Node(string Name, string Prefix, bool IsLast, bool IsReference, bool IsRoot);

    // Iterative depth-first walk: a deep chain must not overflow the call stack.
    private void Walk(StringBuilder sb, Tree tree)
    {
        var stack = new Stack<Node>();
        for (var i = tree.Roots.Count - 1; i >= 0; i--) stack.Push(new Node(tree.Roots[i].Name, "", i == tree.Roots.Count - 1, false, true));
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            var image = tree.ByName[node.Name];
            sb.Append(node.Prefix).Append(node.IsRoot ? "" : node.IsLast ? "└── " : "├── ");
            if (node.IsReference)
            {
                sb.Append(Paint(Dim, $"{node.Name} (see under {image.Parents.First(tree.Affected.Contains)})")).Append('\n');
                continue;
            }
            AppendImage(sb, image, node.IsRoot);
            var kids = tree.Children.GetValueOrDefault(node.Name);
            var childPrefix = node.IsRoot ? "" : node.Prefix + (node.IsLast ? "    " : "│   ");
            AppendReasons(sb, image, childPrefix + (kids is { Count: > 0 } ? "│ " : "  ") + "  ");
            if (kids is null) continue;
            for (var k = kids.Count - 1; k >= 0; k--)
                stack.Push(new Node(kids[k].Name, childPrefix, k == kids.Count - 1, kids[k].IsReference, false));
        }
    }

    /// <summary>The image's name, short fingerprint (its platforms when not the daemon's own), test fingerprint, and
    /// for a tree root the unchanged parents it builds on.</summary>
    private void AppendImage(StringBuilder sb, PlannedImage image, bool isRoot)
    {
        sb.Append(Paint(Bold, image.Name));
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
    }

    private void AppendReasons(StringBuilder sb, PlannedImage image, string prefix)
    {
        var shown = Math.Min(image.Reasons.Count, MaxReasons);
        for (var r = 0; r < shown; r++)
            sb.Append(prefix).Append(Paint(Dim, "· ")).Append(image.Reasons[r]).Append('\n');
        if (image.Reasons.Count > shown)
            sb.Append(prefix).Append(Paint(Dim, $"… and {image.Reasons.Count - shown} more")).Append('\n');
    }

    private void AppendUnchanged(StringBuilder sb, IReadOnlyList<string> unchanged)
    {
        if (unchanged.Count == 0) return;
        var names = string.Join(", ", unchanged.Take(MaxUnchangedNames));
        var rest = unchanged.Count > MaxUnchangedNames ? $" … and {unchanged.Count - MaxUnchangedNames} more" : "";
        sb.Append(Paint(Dim, $"{unchanged.Count} image{Plural(unchanged.Count)} unchanged: {names}{rest}")).Append('\n');
    }

    /// <summary>Plan --explain: each affected image's inputs that moved since its previous build, all of them.</summary>
    private void AppendExplanations(StringBuilder sb, IReadOnlyList<ImageExplanation> explanations)
    {
        if (explanations.Count == 0) return;
        sb.Append("\nWhat moved since each image's previous build (--explain):\n");
        foreach (var image in explanations)
        {
            sb.Append(Paint(Bold, image.Name));
            if (image.Previous is { } previous) sb.Append(Paint(Dim, "  since " + previous));
            sb.Append('\n');
            foreach (var line in image.Lines) sb.Append("  ").Append(Paint(Dim, "· ")).Append(line).Append('\n');
        }
    }

    private string Paint(string style, string text) => useColour ? style + text + Reset : text;

    private static string Plural(int n) => n == 1 ? "" : "s";
}
