using System.Globalization;
using System.Text;
using Cascade.Stacks;

namespace Cascade.Pipeline;

/// <summary>
/// Build args and OCI labels of one image. Parents' references are injected, never typed by hand
/// (as `docker buildx bake` resolves `target:base`): a Dockerfile starts `ARG BASE_IMAGE` / `FROM ${BASE_IMAGE}`.
/// </summary>
public sealed class BuildInputs(TimeProvider clock)
{
    public const string BaseImageArg = "BASE_IMAGE";
    public const string BaseTagArg = "BASE_TAG";

    /// <summary>The spec's build_args, then BASE_IMAGE / BASE_TAG from the FROM parent (first depend_on) and
    /// NAME_IMAGE for every parent. Injected values win over the spec's: a stale hand-typed base is the bug this prevents.</summary>
    public IReadOnlyDictionary<string, string> BuildArgs(ImageSpec image, IReadOnlyList<ParentImage> parents)
    {
        var args = new Dictionary<string, string>(image.BuildArgs, StringComparer.Ordinal);
        var byName = parents.ToDictionary(p => p.Name, StringComparer.Ordinal);
        if (image.DependOn.Count > 0 && byName.TryGetValue(image.DependOn[0], out var from))
        {
            args[BaseImageArg] = from.Reference;
            args[BaseTagArg] = from.Tag;
        }
        foreach (var parentName in image.DependOn)
            if (byName.TryGetValue(parentName, out var p))
                args[ParentArgName(parentName)] = p.Reference;
        return args;
    }

    /// <summary>`scipy-ml.notebook` → `SCIPY_ML_NOTEBOOK_IMAGE`.</summary>
    public static string ParentArgName(string parentName)
    {
        var sb = new StringBuilder(parentName.Length + 6);
        foreach (var ch in parentName) sb.Append(char.IsAsciiLetterOrDigit(ch) ? char.ToUpperInvariant(ch) : '_');
        if (sb.Length > 0 && char.IsAsciiDigit(sb[0])) sb.Insert(0, '_');
        return sb.Append("_IMAGE").ToString();
    }

    public const string FingerprintLabel = "cascade.fingerprint";

    /// <summary>OCI annotations (image-spec annotations.md) as labels, and the fingerprint. Nothing from the
    /// clock when a source date is known: the same commit must give the same image id, or every child loses
    /// its layer cache.</summary>
    public IReadOnlyDictionary<string, string> Labels(ImageSpec image, RunContext run, IReadOnlyList<ParentImage> parents)
    {
        var options = run.Options;
        var created = options.SourceDate ?? clock.GetUtcNow();
        var labels = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["org.opencontainers.image.title"] = image.Name,
            ["org.opencontainers.image.created"] = created.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["org.opencontainers.image.version"] = run.BranchTag,
            [FingerprintLabel] = run.FingerprintOf(image).Value,
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
