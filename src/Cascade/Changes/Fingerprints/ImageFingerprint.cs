namespace Cascade.Changes.Fingerprints;

/// <summary>
/// What an image is made of, as one SHA-256: <see cref="Value"/> is "sha256:&lt;64 hex&gt;". Equal fingerprints
/// mean the same build inputs, so an image carrying the tag <see cref="Tag"/> can stand in for a build.
/// </summary>
/// <param name="Dirty">Its context, or a parent's, holds uncommitted changes: it is not the commit's image.</param>
/// <param name="Platform">The platform it is built for.</param>
internal sealed record ImageFingerprint(string Value, bool Dirty, string Platform)
{
    public const string TagPrefix = "fp-";

    /// <summary>What it is the hash of: recorded on each image built from it, for a later plan's --explain. Null for a
    /// fingerprint read back from a plan's JSON.</summary>
    public FingerprintInputs? Inputs { get; init; }
    public const int ShortLength = 16;

    /// <summary>The first 16 hex digits: shown in the plan and used in the tag.</summary>
    public string Short => Value["sha256:".Length..][..ShortLength];

    /// <summary>`fp-&lt;first 16 hex&gt;`: "this exact image exists".</summary>
    public string Tag => TagPrefix + Short;

    /// <summary>`repository:fp-…`: this exact image in <paramref name="repository"/>.</summary>
    public string ReferenceIn(string repository) => Stacks.ImageTags.Reference(repository, Tag);

    /// <summary>One platform's image of a multi-platform image: the image's fingerprint with the platform on top,
    /// so each platform's build is found (and reused) on its own.</summary>
    public ImageFingerprint ForPlatform(Stacks.Platform platform) =>
        new("sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes($"{Value}\nplatform {platform}\n"))), Dirty, platform.ToString()) { Inputs = Inputs };
}
