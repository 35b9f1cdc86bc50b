namespace Cascade.Changes;

/// <summary>
/// Which revisions to compare. <see cref="BaseRef"/> null means "no git comparison" (only
/// uncommitted changes count, and only when <see cref="IncludeUncommitted"/> is set).
/// </summary>
internal sealed record ChangeOptions
{
    /// <summary>e.g. origin/main; the comparison starts at the merge base of this and <see cref="HeadRef"/>,
    /// so every commit of a push or a pull request counts, not only the last.</summary>
    public string? BaseRef { get; init; }

    public string HeadRef { get; init; } = "HEAD";

    /// <summary>The base was not chosen by the user (the default HEAD~1): when it does not exist, as in a
    /// repository's first commit, everything at the head counts as changed instead of failing.</summary>
    public bool BaseIsDefault { get; init; }

    /// <summary>Add staged, unstaged and untracked (not ignored) paths of the working tree.</summary>
    public bool IncludeUncommitted { get; init; }
}
