namespace Cascade.Changes;

/// <summary>
/// What git's history must hold before a comparison can be trusted: the head the user names must be what the
/// working tree's stack files describe, and a base missing from a shallow clone is cut history, not a first commit.
/// </summary>
internal static class RevisionChecks
{
    /// <summary>The stack is loaded from the working tree (spec.yml, change_ignore.json, the build contexts).
    /// A --head-ref other than the checkout is planned honestly only when those files are the same there;
    /// otherwise the plan would mix two revisions, so it is refused with what to do instead.</summary>
    public static void EnsureHeadMatchesWorkingTree(GitCli git, string headRef, string headCommit, string repoRoot,
        IEnumerable<string> stackFiles)
    {
        var checkedOut = git.Run("rev-parse", "--verify", "--quiet", "HEAD^{commit}");
        if (checkedOut.Ok && checkedOut.Output.Trim() == headCommit) return;
        foreach (var path in stackFiles)
        {
            var atHead = git.Run("show", $"{headCommit}:{path}");
            var onDisk = Path.Combine(repoRoot, path);
            var inTree = File.Exists(onDisk) ? File.ReadAllText(onDisk) : null;
            if ((atHead.Ok ? atHead.Output : null) == inTree) continue;
            throw new ChangeException(
                $"--head-ref {headRef} is not the checked-out commit, and {path} differs between the two: Cascade reads the " +
                "stack (spec.yml, change_ignore.json, the build contexts) from the working tree. Check out that revision " +
                $"first (`git checkout {headRef}`, or `git worktree add DIR {headRef}` and --root DIR), or leave --head-ref out.");
        }
    }

    /// <summary>The default base (HEAD~1) is missing. In a repository's first commit that means everything is new;
    /// in a shallow clone the history is only cut, and guessing "everything" would rebuild a whole stack.</summary>
    public static void EnsureNotShallow(GitCli git, string baseRef)
    {
        var shallow = git.Run("rev-parse", "--is-shallow-repository");
        if (!shallow.Ok || shallow.Output.Trim() != "true") return;
        throw new ChangeException(
            $"the base {baseRef} is not in this clone: it is shallow (its history is cut, as actions/checkout does by " +
            "default with fetch-depth: 1), so what the last commit changed cannot be known. Fetch the history " +
            "(actions/checkout with fetch-depth: 0, or `git fetch --deepen=1`), or name a base that is here with --base-ref REF; " +
            "--all rebuilds everything.");
    }
}
