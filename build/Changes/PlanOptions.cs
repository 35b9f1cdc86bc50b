namespace Cascade.Changes;

/// <summary>What the user forced on top of the changes found.</summary>
public sealed record PlanOptions
{
    /// <summary>`--images a b`: build these whatever changed (and, unless <see cref="NoDescendants"/>, all below them).</summary>
    public IReadOnlyList<string> ForcedImages { get; init; } = [];

    /// <summary>`--no-descendants`: forced images do not pull in their descendants.
    /// Images affected by changes still do, since their children would otherwise be built on stale parents.</summary>
    public bool NoDescendants { get; init; }

    /// <summary>`--all`: every image.</summary>
    public bool All { get; init; }

    /// <summary>Each image's content fingerprint, carried on its line of the plan; none when not computed.</summary>
    public IReadOnlyDictionary<string, Fingerprints.ImageFingerprint>? Fingerprints { get; init; }

    /// <summary>Each image's test fingerprint, carried on its line of the plan; its places also say which changed
    /// paths are changes to its tests. None: no test reasons.</summary>
    public IReadOnlyDictionary<string, Fingerprints.TestFingerprint>? TestFingerprints { get; init; }
}
