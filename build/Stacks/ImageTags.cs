using System.Security.Cryptography;
using System.Text;

namespace Cascade.Stacks;

/// <summary>
/// The tags an image gets in a run: `&lt;prefix&gt;-&lt;branch&gt;` (moving, one per branch) and
/// `sha-&lt;short commit&gt;` (fixed, one per commit). Docker's tag grammar is `[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}`,
/// and git branch names are far looser, so the branch part is sanitised here, in one place.
/// </summary>
public static class ImageTags
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

    /// <summary>One platform's tag of a multi-platform image: `tag-os-arch[-variant]` (the shared tag itself is the index).</summary>
    public static string ForPlatform(string tag, Platform platform) => Sanitize(tag + "-" + platform.TagSuffix);

    /// <summary>Turns any text into a valid tag: characters outside [A-Za-z0-9_.-] become '-', leading
    /// '.' and '-' go, and a name longer than 128 is cut and ends in a hash of the whole original text.</summary>
    public static string Sanitize(string raw)
    {
        var sb = new StringBuilder(raw.Length);
        foreach (var ch in raw)
            sb.Append(char.IsAsciiLetterOrDigit(ch) || ch is '_' or '.' or '-' ? ch : '-');
        var clean = sb.ToString().TrimStart('.', '-');
        if (clean.Length == 0) clean = "x" + Hash(raw);
        if (clean.Length <= MaxTagLength) return clean;
        return clean[..(MaxTagLength - HashLength - 1)] + "-" + Hash(raw);
    }

    private static string Hash(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..HashLength];
}
