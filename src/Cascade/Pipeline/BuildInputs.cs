using System.Globalization;
using Cascade.Changes.Fingerprints;
using Cascade.Docker;
using Cascade.Stacks;

namespace Cascade.Pipeline;

/// <summary>
/// Build args and OCI labels of one image. Parents' references are injected, never typed by hand
/// (as `docker buildx bake` resolves `target:base`): a Dockerfile starts `ARG BASE_IMAGE` / `FROM ${BASE_IMAGE}`.
/// </summary>
internal sealed class BuildInputs(TimeProvider clock)
{
    /// <summary>BASE_IMAGE / BASE_TAG from the FROM parent (first depend_on) and NAME_IMAGE for every parent. They win
    /// over the spec's build_args of the same name (a stale hand-typed base is the bug this prevents), and are sent only
    /// to a Dockerfile that declares them.</summary>
    public IReadOnlyDictionary<string, string> InjectedArgs(ImageSpec image, IReadOnlyList<ParentImage> parents)
    {
        var args = new Dictionary<string, string>(StringComparer.Ordinal);
        var byName = parents.ToDictionary(p => p.Name, StringComparer.Ordinal);
        if (image.DependOn.Count > 0 && byName.TryGetValue(image.DependOn[0], out var from))
        {
            args[ParentBuildArgs.BaseImage] = from.Reference;
            args[ParentBuildArgs.BaseTag] = from.Tag;
        }
        foreach (var parentName in image.DependOn)
            if (byName.TryGetValue(parentName, out var p))
                args[ParentBuildArgs.ImageOf(parentName)] = p.Reference;
        return args;
    }

    public const string FingerprintLabel = "cascade.fingerprint";

    /// <summary>OCI annotations (image-spec annotations.md) as labels, the fingerprint and its inputs, and the external bases' digests. Nothing from the
    /// clock when a source date is known: the same commit must give the same image id, or every child loses
    /// its layer cache.</summary>
    public IReadOnlyDictionary<string, string> Labels(ImageSpec image, RunContext run, IReadOnlyList<ParentImage> parents)
    {
        var options = run.Options;
        var created = options.SourceDate ?? clock.GetUtcNow();
        var labels = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [OciLabels.Title] = image.Name,
            [OciLabels.Created] = created.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            [OciLabels.Version] = run.BranchTag,
            [FingerprintLabel] = run.FingerprintOf(image).Value,
        };
        if (!string.IsNullOrEmpty(options.SourceUrl)) labels[OciLabels.Source] = options.SourceUrl;
        if (!string.IsNullOrEmpty(options.Commit)) labels[OciLabels.Revision] = options.Commit;
        // What the fingerprint is the hash of: Plan --explain reads it back to name the inputs that moved since.
        if (run.FingerprintOf(image).Inputs is { } inputs) labels[FingerprintInputs.Label] = inputs.WithDockerfileOf(run.Spec.Directory, image).ToLabel();
        // The external bases' digests this build used: the next plan reads them back to name a base that moved.
        if (Registry.BaseDrift.LabelValue(image.ExternalBases, options.ExternalBaseDigests) is { } bases) labels[Registry.BaseDrift.Label] = bases;
        if (BaseOf(image, options, parents) is { } from)
        {
            labels[OciLabels.BaseName] = from.Reference;
            if (!string.IsNullOrEmpty(from.Digest)) labels[OciLabels.BaseDigest] = from.Digest;
        }
        return labels;
    }

    /// <summary>What the image is built FROM, as its base labels record it: its FROM parent in the stack, else its one
    /// external base (FROM quay.io/…, by the digest the plan resolved). Null for an image FROM scratch, or with several
    /// external bases (stages), none of which is the base.</summary>
    public static BaseImage? BaseOf(ImageSpec image, RunOptions options, IReadOnlyList<ParentImage> parents)
    {
        if (image.DependOn.Count > 0)
            return parents.FirstOrDefault(p => p.Name == image.DependOn[0]) is { } from ? new BaseImage(from.Reference, from.Digest) : null;
        return image.ExternalBases is [var external]
            ? new BaseImage(external, options.ExternalBaseDigests.GetValueOrDefault(external))
            : null;
    }
}

/// <summary>An image's base: its reference, and its manifest digest when known (a parent in the registry, an external
/// base whose registry answered).</summary>
internal sealed record BaseImage(string Reference, string? Digest);
