using Cascade.Changes.Fingerprints;
using Cascade.Registry;
using Cascade.Stacks;

namespace Cascade.Pipeline;

/// <summary>What every image of one run shares, and the one home of the tags and references a run uses.</summary>
public sealed record RunContext(StackSpec Spec, RunOptions Options, ArtifactPaths Paths, SecretRedactor Redactor,
    IReadOnlyDictionary<string, ImageFingerprint> Fingerprints)
{
    public static RunContext Create(StackSpec spec, RunOptions options, IReadOnlyDictionary<string, ImageFingerprint> fingerprints) =>
        new(spec, options, new ArtifactPaths(options.ArtifactsDirectory),
            SecretRedactor.For(options.Credentials), fingerprints);

    public string BranchTag => ImageTags.BranchTag(Spec.TagPrefix, Options.Branch);

    public ImageFingerprint FingerprintOf(ImageSpec image) => Fingerprints[image.Name];

    /// <summary>`repository:fp-…`: the exact image of this content, wherever and whenever it was built.
    /// Children build FROM it, so their build args do not change with the branch or the commit.</summary>
    public string FingerprintReference(ImageSpec image) => ImageTags.Reference(image.Repository, FingerprintOf(image).Tag);

    /// <summary>Whether the image gets the commit's sha tag: not when built from uncommitted changes, which
    /// are not that commit.</summary>
    public bool GetsShaTag(ImageSpec image) => Options.Commit is { Length: > 0 } && !FingerprintOf(image).Dirty;

    /// <summary>The tags this run gives an image: the branch tag, the sha tag (see <see cref="GetsShaTag"/>),
    /// and the fingerprint tag.</summary>
    public IReadOnlyList<string> Tags(ImageSpec image)
    {
        var tags = new List<string>(3) { ImageTags.Reference(image.Repository, BranchTag) };
        if (GetsShaTag(image)) tags.Add(ImageTags.Reference(image.Repository, ImageTags.ShaTag(Options.Commit!)));
        tags.Add(FingerprintReference(image));
        return tags;
    }

    /// <summary>The reference a user is shown for an image of this run: the sha tag when it has one (it names
    /// this commit's build), else the branch tag.</summary>
    public string ExactReference(ImageSpec image) => Tags(image)[GetsShaTag(image) ? 1 : 0];

    /// <summary>Pushing needs a registry: the spec's `registry`, or a host in the image's repository
    /// (`localhost:5000/x`, `ghcr.io/o/x`). A bare `owner/name` would go to Docker Hub by accident.</summary>
    public bool HasRegistry(ImageSpec image) =>
        !string.IsNullOrEmpty(Spec.Registry) || RepositoryHost.Of(image.Repository) is not null;
}
