using Cascade.Registry;
using Cascade.Stacks;

namespace Cascade.Pipeline;

internal enum CacheFromMode
{
    /// <summary>Seed where the daemon holds no image of the stack (a fresh CI runner), from ci.cache_from or the default tags.</summary>
    Auto,
    /// <summary>Never seed: the daemon's own cache only.</summary>
    None,
    /// <summary>Always seed, from the tags or references given.</summary>
    Sources,
}

/// <summary>`--cache-from auto|none|REF…` as given: the words, or the tags (`{branch}`, `2026.1-main`, `stable`) and
/// references (`ghcr.io/o/app:main`, used for that repository's image only) to seed from.</summary>
internal sealed record CacheFromSetting(CacheFromMode Mode, IReadOnlyList<string> Sources)
{
    public const string AutoWord = "auto";
    public const string NoneWord = "none";

    public static CacheFromSetting Auto { get; } = new(CacheFromMode.Auto, []);

    /// <summary>The setting <paramref name="values"/> give; null and <paramref name="problem"/> when they name
    /// something that is neither a word, a tag nor an image reference.</summary>
    public static CacheFromSetting? Parse(IReadOnlyList<string> values, out string? problem)
    {
        problem = null;
        if (values.Count == 0 || values is [AutoWord]) return Auto;
        if (values is [NoneWord]) return new CacheFromSetting(CacheFromMode.None, []);
        if (values.FirstOrDefault(v => v is AutoWord or NoneWord) is { } word)
        {
            problem = $"'{word}' stands alone: give auto, none, or the tags and references to seed the layer cache from";
            return null;
        }
        if (values.FirstOrDefault(v => !IsSource(v)) is { } bad)
        {
            problem = $"'{bad}' is neither a tag (e.g. {ImageTags.BranchPlaceholder}, 2026.1-main, stable) nor an image reference (e.g. ghcr.io/owner/app:main)";
            return null;
        }
        return new CacheFromSetting(CacheFromMode.Sources, values);
    }

    private static bool IsSource(string value) =>
        IsReference(value) ? ImageReference.TryParse(value, out _) : ImageTags.IsCacheTag(value);

    /// <summary>A reference names a repository (a '/' or a ':'); a tag alone is looked for in every image's repository.</summary>
    public static bool IsReference(string source) => source.Contains('/') || source.Contains(':');
}

/// <summary>How a run seeds each image's layer cache (see <see cref="LayerCacheSeeder"/>).</summary>
/// <param name="Sources">Tags (with <see cref="ImageTags.BranchPlaceholder"/> and <see cref="ImageTags.DefaultBranchPlaceholder"/>)
/// and references, tried in this order.</param>
/// <param name="DefaultBranch">ci.default_branch, for <see cref="ImageTags.DefaultBranchPlaceholder"/>.</param>
internal sealed record LayerCacheOptions(IReadOnlyList<string> Sources, string DefaultBranch)
{
    /// <summary>The references a previous build of <paramref name="image"/> is looked for under, in order, each once:
    /// every tag in the image's repository, and the references that name that repository.</summary>
    public IReadOnlyList<string> CandidatesFor(ImageSpec image, RunContext run) => CandidatesFor(image, run.Spec.TagPrefix, run.Options.Branch);

    /// <summary>The same, outside a run: with the stack's tag prefix and the branch the tags' placeholders name.</summary>
    public IReadOnlyList<string> CandidatesFor(ImageSpec image, string? tagPrefix, string branch) =>
        Sources.Select(source => CacheFromSetting.IsReference(source)
                ? ReferenceParts.Split(source).Name == image.Repository ? source : null
                : ImageTags.Reference(image.Repository, ImageTags.CacheTag(source, tagPrefix, branch, DefaultBranch)))
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToList();
}
