using System.Globalization;
using Cascade.Stacks;

namespace Cascade.Pipeline;

/// <summary>
/// Build args and OCI labels of one image. Parents' references are injected, never typed by hand
/// (as `docker buildx bake` resolves `target:base`): a Dockerfile starts `ARG BASE_IMAGE` / `FROM ${BASE_IMAGE}`.
/// </summary>
public sealed class BuildInputs(TimeProvider clock)
{
    /// <summary>The spec's build_args, then BASE_IMAGE / BASE_TAG from the FROM parent (first depend_on) and
    /// NAME_IMAGE for every parent. Injected values win over the spec's: a stale hand-typed base is the bug this prevents.</summary>
    public IReadOnlyDictionary<string, string> BuildArgs(ImageSpec image, IReadOnlyList<ParentImage> parents)
    {
        var args = new Dictionary<string, string>(image.BuildArgs, StringComparer.Ordinal);
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

    /// <summary>OCI annotations (image-spec annotations.md) as labels.</summary>
    public IReadOnlyDictionary<string, string> Labels(ImageSpec image, RunOptions options, IReadOnlyList<ParentImage> parents)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["org.opencontainers.image.title"] = image.Name,
            ["org.opencontainers.image.created"] = clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        };
        if (!string.IsNullOrEmpty(options.SourceUrl)) labels["org.opencontainers.image.source"] = options.SourceUrl;
        if (!string.IsNullOrEmpty(options.Commit)) labels["org.opencontainers.image.revision"] = options.Commit;
        var from = image.DependOn.Count > 0 ? parents.FirstOrDefault(p => p.Name == image.DependOn[0]) : null;
        if (from is not null)
        {
            labels["org.opencontainers.image.base.name"] = from.Reference;
            if (!string.IsNullOrEmpty(from.Digest)) labels["org.opencontainers.image.base.digest"] = from.Digest;
        }
        return labels;
    }
}
