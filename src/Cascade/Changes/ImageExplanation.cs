using Cascade.Changes.Fingerprints;

namespace Cascade.Changes;

/// <summary>
/// Plan --explain: why an affected image is built rather than reused — which of its fingerprint's inputs differ from
/// its nearest previous build (<see cref="Previous"/>, the reference compared with), one line each; or, when there is
/// nothing to compare with, one line saying why.
/// </summary>
internal sealed record ImageExplanation(string Name, string? Previous, IReadOnlyList<string> Lines)
{
    /// <summary>An image whose repository names no registry: no previous build can be found.</summary>
    public static ImageExplanation WithoutRegistry(string name) =>
        new(name, null, ["no previous build to compare with: its repository names no registry"]);

    /// <summary>None of <paramref name="candidates"/> is in the registry.</summary>
    public static ImageExplanation NoPreviousBuild(string name, IReadOnlyList<string> candidates) =>
        new(name, null, [candidates.Count == 1 ? $"no previous build: {candidates[0]} is not in the registry"
            : $"no previous build: neither {string.Join(" nor ", candidates)} is in the registry"]);

    /// <summary>The registry did not answer for its previous build.</summary>
    public static ImageExplanation Unreadable(string name, string problem) =>
        new(name, null, [$"its previous build could not be read ({problem}): what moved cannot be said"]);

    /// <summary>Compares <paramref name="now"/> with the inputs <paramref name="previous"/> recorded in its
    /// <see cref="FingerprintInputs.Label"/> label (<paramref name="label"/>; null for a build older than the label).</summary>
    /// <param name="contextFiles">The files git names between two context trees, or null (see <see cref="InputsDiff"/>).</param>
    public static ImageExplanation Compared(string name, string previous, string? label, FingerprintInputs now,
        Func<string, string, IReadOnlyList<string>?> contextFiles)
    {
        if (FingerprintInputs.FromLabel(label) is not { } before)
            return new(name, previous, [$"{previous} does not record its fingerprint's inputs (no {FingerprintInputs.Label} label: " +
                                        "built by an older Cascade): what moved cannot be said"]);
        var lines = InputsDiff.Between(before, now, contextFiles);
        return lines.Count > 0 ? new(name, previous, lines)
            : new(name, previous, [$"no input differs from {previous}: Build reuses it (--no-reuse --images {name} builds it again)"]);
    }
}
