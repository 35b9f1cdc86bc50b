using System.Security.Cryptography;
using System.Text;

namespace Cascade.Stacks;

/// <summary>
/// The tags an image gets in a run: `&lt;prefix&gt;-&lt;branch&gt;` (moving, one per branch) and
/// `sha-&lt;short commit&gt;` (fixed, one per commit). Docker's tag grammar is `[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}`,
/// and git branch names are far looser, so the branch part is sanitised here, in one place.
/// </summary>
internal static class ImageTags
{
    public const int MaxTagLength = 128;
    public const int ShortCommitLength = 7;

    // When a name must be cut, this many hex digits of its hash keep two long names apart.
    private const int HashLength = 8;

    /// <summary>The moving tag: `prefix-branch`, or just `branch` when there is no prefix.</summary>
    public static string BranchTag(string? prefix, string branch)
    {
        if (string.IsNullOrWhiteSpace(branch)) throw new ArgumentException("branch name is empty", nameof(branch));
        var raw = string.IsNullOrEmpty(prefix) ? branch : prefix + "-" + branch;
        return Sanitize(raw);
    }

    /// <summary>The fixed tag of a commit: `sha-` and its first 7 hex digits.</summary>
    public static string ShaTag(string commit)
    {
        var c = commit.Trim().ToLowerInvariant();
        if (c.Length < ShortCommitLength || !c.All(char.IsAsciiHexDigit))
            throw new ArgumentException($"'{commit}' is not a git commit id (expected at least {ShortCommitLength} hex digits)", nameof(commit));
        return "sha-" + c[..ShortCommitLength];
    }

    public static string Reference(string repository, string tag) => repository + ":" + tag;

    /// <summary>In a layer-cache tag (ci.cache_from, --cache-from): the run's branch tag, `&lt;prefix&gt;-&lt;branch&gt;`.</summary>
    public const string BranchPlaceholder = "{branch}";

    /// <summary>In a layer-cache tag: the default branch's tag, `&lt;prefix&gt;-&lt;ci.default_branch&gt;`.</summary>
    public const string DefaultBranchPlaceholder = "{default_branch}";

    /// <summary>Where an image's most recent previous build is looked for, in order, to seed its layer cache: this
    /// branch's last build, else the default branch's, else what was promoted stable.</summary>
    public static readonly IReadOnlyList<string> DefaultCacheTags = [BranchPlaceholder, DefaultBranchPlaceholder, "stable"];

    /// <summary>Where the image a change replaces is looked for, in order (Diff): the default branch's, else what was
    /// promoted stable.</summary>
    public static readonly IReadOnlyList<string> ReplacedTags = [DefaultBranchPlaceholder, "stable"];

    /// <summary>A layer-cache tag with its placeholders filled in.</summary>
    public static string CacheTag(string template, string? prefix, string branch, string defaultBranch) =>
        template == BranchPlaceholder ? BranchTag(prefix, branch)
        : template == DefaultBranchPlaceholder ? BranchTag(prefix, defaultBranch)
        : template;

    /// <summary>Whether <paramref name="tag"/> is a tag Docker accepts, or one of the placeholders.</summary>
    public static bool IsCacheTag(string tag) =>
        tag is BranchPlaceholder or DefaultBranchPlaceholder || DockerNames.IsTag(tag);

    /// <summary>One platform's tag of a multi-platform image: `tag-os-arch[-variant]` (the shared tag itself is the index).</summary>
    public static string ForPlatform(string tag, Platform platform) => Sanitize(tag + "-" + platform.TagSuffix);

    /// <summary>Turns any text into a valid tag: characters outside [A-Za-z0-9_.-] become '-', leading
    /// '.' and '-' go, and a name longer than 128 is cut and ends in a hash of the whole original text.</summary>
    public static string Sanitize(string raw)
    {
        var sb = new StringBuilder(raw.Length);
        foreach (var ch in raw)
            sb.Append(IsTagCharacter(ch) ? ch : '-');
        var clean = sb.ToString().TrimStart('.', '-');
        if (clean.Length == 0) clean = "x" + Hash(raw);
        if (clean.Length <= MaxTagLength) return clean;
        return clean[..(MaxTagLength - HashLength - 1)] + "-" + Hash(raw);
    }

    /// <summary>Whether a tag may hold <paramref name="ch"/> (anywhere but first, where '.' and '-' may not stand).</summary>
    public static bool IsTagCharacter(char ch) => char.IsAsciiLetterOrDigit(ch) || ch is '_' or '.' or '-';

    private static string Hash(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..HashLength];
}
