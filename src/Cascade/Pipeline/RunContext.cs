using Cascade.Changes.Fingerprints;
using Cascade.Registry;
using Cascade.Stacks;

namespace Cascade.Pipeline;

/// <summary>What every image of one run shares, and the one home of the tags and references a run uses.</summary>
internal sealed record RunContext(StackSpec Spec, RunOptions Options, ArtifactPaths Paths, SecretRedactor Redactor,
    IReadOnlyDictionary<string, ImageFingerprint> Fingerprints)
{
    /// <summary>A run's context; scoped to <see cref="RunOptions.Platform"/> when the run does that platform only.</summary>
    /// <param name="testFingerprints">What each image's tests check; computed from the working tree when not given.</param>
    public static RunContext Create(StackSpec spec, RunOptions options, IReadOnlyDictionary<string, ImageFingerprint> fingerprints,
        IReadOnlyDictionary<string, TestFingerprint>? testFingerprints = null)
    {
        var run = new RunContext(spec, options, new ArtifactPaths(options.ArtifactsDirectory), SecretRedactor.For(options.Credentials), fingerprints)
        {
            TestFingerprints = testFingerprints ?? TestFingerprinter.Compute(spec, options.TestWorkingDirectory(spec)),
        };
        return options.Platform is { } platform ? run.ForPlatform(platform) : run;
    }

    /// <summary>What each image's tests check (the same for every platform of an image).</summary>
    public IReadOnlyDictionary<string, TestFingerprint> TestFingerprints { get; init; } = new Dictionary<string, TestFingerprint>();

    public TestFingerprint TestFingerprintOf(ImageSpec image) => TestFingerprints[image.Name];

    public string BranchTag => ImageTags.BranchTag(Spec.TagPrefix, Options.Branch);

    /// <summary>The platform this context runs an image for: null for a whole image (and one without platforms).</summary>
    public Platform? Platform { get; init; }

    /// <summary>The context of one platform's image: its own fingerprint, tags (`tag-os-arch`) and artifacts folder.</summary>
    public RunContext ForPlatform(Platform platform) => this with { Platform = platform, Paths = Paths.ForPlatform(platform) };

    // Only an image built for several platforms has per-platform images; one without platforms is the daemon's.
    private Platform? PlatformOf(ImageSpec image) => PlatformOf(image, Platform);

    private static Platform? PlatformOf(ImageSpec image, Platform? platform) =>
        platform is { } p && image.Platforms.Contains(p) ? p : null;

    public ImageFingerprint FingerprintOf(ImageSpec image) => FingerprintOf(image, Fingerprints, Platform);

    /// <summary>The fingerprint of <paramref name="image"/>'s image of <paramref name="platform"/> (the whole image's
    /// when it is not built for it, or for null), before a run exists (the ancestor check of a --platform run).</summary>
    public static ImageFingerprint FingerprintOf(ImageSpec image, IReadOnlyDictionary<string, ImageFingerprint> fingerprints, Platform? platform) =>
        PlatformOf(image, platform) is { } p ? fingerprints[image.Name].ForPlatform(p) : fingerprints[image.Name];

    /// <summary>`repository:fp-…`: the exact image of this content, wherever and whenever it was built.
    /// Children build FROM it, so their build args do not change with the branch or the commit.</summary>
    public string FingerprintReference(ImageSpec image) => FingerprintOf(image).ReferenceIn(image.Repository);

    /// <summary>Whether the image gets the commit's sha tag: not when built from uncommitted changes, which
    /// are not that commit, and not in a run that gives fingerprint tags only.</summary>
    public bool GetsShaTag(ImageSpec image) => !Options.FingerprintTagsOnly && IsCommitsImage(image);

    /// <summary>Whether the image is the commit's: built from it, not from uncommitted changes.</summary>
    public bool IsCommitsImage(ImageSpec image) => Options.Commit is { Length: > 0 } && !FingerprintOf(image).Dirty;

    /// <summary>The tags this run gives an image: the branch tag, the sha tag (see <see cref="GetsShaTag"/>),
    /// and the fingerprint tag — or, with <see cref="RunOptions.FingerprintTagsOnly"/>, the fingerprint tag alone.</summary>
    public IReadOnlyList<string> Tags(ImageSpec image)
    {
        if (Options.FingerprintTagsOnly) return [FingerprintReference(image)];
        var platform = PlatformOf(image);
        string Own(string tag) => platform is null ? tag : ImageTags.ForPlatform(tag, platform);
        var tags = new List<string>(3) { ImageTags.Reference(image.Repository, Own(BranchTag)) };
        if (GetsShaTag(image)) tags.Add(ImageTags.Reference(image.Repository, Own(ImageTags.ShaTag(Options.Commit!))));
        tags.Add(FingerprintReference(image));
        return tags;
    }

    /// <summary>The reference a user is shown for an image of this run: the sha tag when it has one (it names
    /// this commit's build), else the branch tag; the fingerprint tag when that is the only one.</summary>
    public string ExactReference(ImageSpec image) => Tags(image)[GetsShaTag(image) ? 1 : 0];

    /// <summary>Pushing needs a registry: the spec's `registry`, or a host in the image's repository
    /// (`localhost:5000/x`, `ghcr.io/o/x`). A bare `owner/name` would go to Docker Hub by accident.</summary>
    public bool HasRegistry(ImageSpec image) => PushesSomewhere(Spec, image);

    /// <summary><see cref="HasRegistry"/> before a run exists (the login check of a Push run).</summary>
    public static bool PushesSomewhere(StackSpec spec, ImageSpec image) =>
        !string.IsNullOrEmpty(spec.Registry) || RepositoryHost.Of(image.Repository) is not null;
}
