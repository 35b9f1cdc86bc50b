namespace Cascade.Changes;

/// <summary>What a run stamps on its images: the branch (for the moving tag), the commit (for the sha- tag
/// and the revision label) and where the source lives (for the source label).</summary>
internal sealed record RepositoryInfo(string Branch, string? Commit, string? SourceUrl)
{
    /// <summary>When the commit was made; images say they were created then (reproducible builds' rule),
    /// or at SOURCE_DATE_EPOCH when that is set. Null outside git.</summary>
    public DateTimeOffset? SourceDate { get; init; }

    /// <summary>Reads them from GitHub Actions' variables when present, else from git in <paramref name="directory"/>;
    /// outside a git repository the branch is "local" and the commit unknown.</summary>
    public static RepositoryInfo Read(string directory, Func<string, string?> environment)
    {
        var git = new GitCli(directory);
        string? Git(params string[] args) => git.Run(args) is { Ok: true } r && r.Output.Trim() is { Length: > 0 } s ? s : null;
        string? Env(string name) => environment(name) is { Length: > 0 } v ? v : null;

        // On a pull request GITHUB_HEAD_REF is the PR's branch; on a push GITHUB_REF_NAME is the branch.
        var branch = Env("GITHUB_HEAD_REF") ?? Env("GITHUB_REF_NAME") ?? Git("symbolic-ref", "--short", "-q", "HEAD") ?? "local";
        var commit = Env("GITHUB_SHA") ?? Git("rev-parse", "HEAD");
        var source = Env("GITHUB_SERVER_URL") is { } server && Env("GITHUB_REPOSITORY") is { } repo
            ? $"{server}/{repo}"
            : PublicUrl(Git("remote", "get-url", "origin"));
        var epoch = Env("SOURCE_DATE_EPOCH") ?? (commit is null ? null : Git("show", "-s", "--format=%ct", commit));
        DateTimeOffset? sourceDate = long.TryParse(epoch, out var seconds) ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;
        return new RepositoryInfo(branch, commit, source) { SourceDate = sourceDate };
    }

    /// <summary>A remote URL fit for a public label: credentials in https URLs are dropped, ssh URLs become https.</summary>
    internal static string? PublicUrl(string? remote)
    {
        if (remote is null) return null;
        if (remote.StartsWith("git@", StringComparison.Ordinal) && remote.IndexOf(':') is > 4 and var colon)
            return WithoutGitSuffix($"https://{remote[4..colon]}/{remote[(colon + 1)..]}");
        if (Uri.TryCreate(remote, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http")
            return WithoutGitSuffix(new UriBuilder(uri) { UserName = "", Password = "" }.Uri.ToString().TrimEnd('/'));
        return null; // a local path or file:// remote says nothing to a reader of the label
    }

    private static string WithoutGitSuffix(string url) => url.EndsWith(".git", StringComparison.Ordinal) ? url[..^4] : url;
}
