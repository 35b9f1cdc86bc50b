using Cascade.Stacks;

namespace Cascade.Pipeline;

/// <summary>What every image of one run shares.</summary>
public sealed record RunContext(StackSpec Spec, RunOptions Options, ArtifactPaths Paths, SecretRedactor Redactor)
{
    public static RunContext Create(StackSpec spec, RunOptions options) =>
        new(spec, options, new ArtifactPaths(options.ArtifactsDirectory),
            new SecretRedactor([options.Credentials?.Password]));

    public string BranchTag => ImageTags.BranchTag(Spec.TagPrefix, Options.Branch);

    /// <summary>The tags an image built in this run gets: the branch tag, and the sha tag when a commit is known.</summary>
    public IReadOnlyList<string> Tags(ImageSpec image) =>
        Options.Commit is { Length: > 0 } commit
            ? [ImageTags.Reference(image.Repository, BranchTag), ImageTags.Reference(image.Repository, ImageTags.ShaTag(commit))]
            : [ImageTags.Reference(image.Repository, BranchTag)];

    /// <summary>The exact reference of an image built in this run: the sha tag when known (it names this
    /// commit's build), else the branch tag.</summary>
    public string ExactReference(ImageSpec image) => Tags(image)[^1];

    /// <summary>The reference of an image this run does not build: its existing branch tag.</summary>
    public string ExistingReference(ImageSpec image) => ImageTags.Reference(image.Repository, BranchTag);

    /// <summary>Pushing needs a registry: the spec's `registry`, or a host in the image's repository
    /// (`localhost:5000/x`, `ghcr.io/o/x`). A bare `owner/name` would go to Docker Hub by accident.</summary>
    public bool HasRegistry(ImageSpec image) => PushesSomewhere(Spec, image);

    /// <summary><see cref="HasRegistry"/> before a run exists (the login check of a Push run).</summary>
    public static bool PushesSomewhere(StackSpec spec, ImageSpec image) =>
        !string.IsNullOrEmpty(spec.Registry) || RepositoryHost.Of(image.Repository) is not null;
}
