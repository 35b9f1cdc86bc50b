namespace Cascade.Changes;

/// <summary>What the user asked for: the changes git found (by default), or exactly the images they named.</summary>
internal sealed record PlanOptions
{
    /// <summary>`--images a b`: exactly these images (and, unless <see cref="NoDescendants"/>, all below them), whatever
    /// git says changed.</summary>
    public IReadOnlyList<string> ForcedImages { get; init; } = [];

    /// <summary>`--no-descendants`: the named images do not pull in their descendants.</summary>
    public bool NoDescendants { get; init; }

    /// <summary>`--all`: every image.</summary>
    public bool All { get; init; }

    /// <summary>Whether git's changes decide what is planned: not when the user named the images (--images, --all),
    /// so git need not even be asked.</summary>
    public bool CountsChanges => !All && ForcedImages.Count == 0;

    /// <summary>Each image's content fingerprint, carried on its line of the plan; none when not computed.</summary>
    public IReadOnlyDictionary<string, Fingerprints.ImageFingerprint>? Fingerprints { get; init; }

    /// <summary>Each image's test fingerprint, carried on its line of the plan; its places also say which changed
    /// paths are changes to its tests. None: no test reasons.</summary>
    public IReadOnlyDictionary<string, Fingerprints.TestFingerprint>? TestFingerprints { get; init; }
}
