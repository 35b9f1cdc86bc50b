namespace Cascade.Changes;

/// <summary>
/// Asks git what changed for a stack: the paths between the merge base of the base ref and the head,
/// optionally the working tree's uncommitted paths, and spec.yml's text on both sides so the planner
/// can compare image entries rather than lines.
/// </summary>
internal sealed class ChangeDetector
{
    /// <summary>Changes for a loaded stack: its folder and its spec.yml.</summary>
    public ChangeSet Detect(Cascade.Stacks.StackSpec spec, ChangeOptions options) => Detect(spec.Directory, spec.File, options);

    /// <param name="stackDirectory">The folder holding spec.yml.</param>
    /// <param name="specFile">spec.yml's path (absolute, or relative to <paramref name="stackDirectory"/>).</param>
    public ChangeSet Detect(string stackDirectory, string specFile, ChangeOptions options)
    {
        if (options.BaseRef is null && !options.IncludeUncommitted) return ChangeSet.None;

        var stackDir = Path.GetFullPath(stackDirectory);
        if (!Directory.Exists(stackDir))
            throw new ChangeException($"{stackDir}: no such folder");
        var git = new GitCli(stackDir);

        var top = git.Run("rev-parse", "--show-toplevel");
        if (!top.Ok)
            throw new ChangeException($"{stackDir}: not a git repository; use --all or --images to choose images without git");
        var repoRoot = top.Output.Trim();
        // --show-prefix rather than a relative path from repoRoot: it is right even through symlinked folders.
        var stackPath = git.RunChecked("rev-parse", "--show-prefix").Trim().TrimEnd('/');
        var specPath = RepoPath.Combine(stackPath, Path.GetRelativePath(stackDir, Path.GetFullPath(specFile, stackDir)))
                       ?? throw new ChangeException($"{specFile}: spec file lies outside the repository {repoRoot}");

        var paths = new HashSet<string>(StringComparer.Ordinal);
        string? mergeBase = null;
        string? oldSpec;
        if (options.BaseRef is not null)
        {
            var headCommit = ResolveCommit(git, options.HeadRef, "head");
            RevisionChecks.EnsureHeadMatchesWorkingTree(git, options.HeadRef, headCommit, repoRoot,
                [specPath, RepoPath.Combine(stackPath, ChangeIgnoreFile.FileName)!]);
            if (options.BaseIsDefault && !Resolves(git, options.BaseRef))
            {
                // The default base (the previous commit) does not exist in a repository's first commit:
                // compare with the empty tree, so everything the commit holds counts as new. A shallow
                // clone lacks it too, but there the history is only cut: that is refused, not guessed.
                RevisionChecks.EnsureNotShallow(git, options.BaseRef);
                mergeBase = git.RunChecked("hash-object", "-t", "tree", "/dev/null").Trim();
            }
            else
            {
                var baseCommit = ResolveCommit(git, options.BaseRef, "base");
                var mb = git.Run("merge-base", baseCommit, headCommit);
                if (!mb.Ok)
                    throw new ChangeException(
                        $"'{options.BaseRef}' and '{options.HeadRef}' share no history (no merge base); " +
                        "in a shallow clone fetch the full history (actions/checkout with fetch-depth: 0)");
                mergeBase = mb.Output.Trim();
            }
            // --no-renames: a moved file counts at its old place (the image it left) and its new one.
            paths.UnionWith(git.RunCheckedNulSeparated("diff", "--name-only", "-z", "--no-renames", mergeBase, headCommit, "--"));
            // Not among the changed paths: the same text on both sides, so one `git show` is enough.
            oldSpec = paths.Contains(specPath) || options.IncludeUncommitted ? ReadAt(git, mergeBase, specPath) : Unread;
        }
        else
        {
            // Only the working tree is compared: the base is the last commit.
            oldSpec = HasCommits(git) ? ReadAt(git, "HEAD", specPath) : null;
        }

        string? newSpec;
        if (options.IncludeUncommitted)
        {
            AddUncommitted(git, paths);
            var specFull = Path.Combine(repoRoot, specPath);
            newSpec = File.Exists(specFull) ? File.ReadAllText(specFull) : null;
        }
        else
        {
            newSpec = ReadAt(git, options.HeadRef, specPath);
            if (ReferenceEquals(oldSpec, Unread)) oldSpec = newSpec;
        }

        return new ChangeSet
        {
            Paths = paths.Order(StringComparer.Ordinal).ToList(),
            StackPath = stackPath,
            Spec = new SpecTexts(oldSpec, newSpec),
            BaseRef = options.BaseRef,
            MergeBase = mergeBase,
            HeadRef = options.HeadRef,
            IncludesUncommitted = options.IncludeUncommitted,
        };
    }

    /// <summary>Marks a base text not read because it equals the head's.</summary>
    private static readonly string Unread = new('-', 1);

    private static string ResolveCommit(GitCli git, string rev, string which)
    {
        var r = git.Run("rev-parse", "--verify", "--quiet", "--end-of-options", rev + "^{commit}");
        if (!r.Ok)
            throw new ChangeException(
                $"unknown {which} ref '{rev}' in {git.WorkingDirectory}: no such branch, tag or commit; " +
                "check the name, or fetch it first (on CI: actions/checkout with fetch-depth: 0)");
        return r.Output.Trim();
    }

    private static bool Resolves(GitCli git, string rev) =>
        git.Run("rev-parse", "--verify", "--quiet", "--end-of-options", rev + "^{commit}").Ok;

    private static bool HasCommits(GitCli git) => git.Run("rev-parse", "--verify", "--quiet", "HEAD").Ok;

    /// <summary>A file's text at a revision, or null when the file did not exist there.</summary>
    private static string? ReadAt(GitCli git, string rev, string path)
    {
        var r = git.Run("show", $"{rev}:{path}");
        if (r.Ok) return r.Output;
        // Distinguish "not there" (a new stack) from a real failure (a broken repository).
        if (!git.Run("cat-file", "-e", $"{rev}:{path}").Ok) return null;
        throw new ChangeException($"git show {rev}:{path} failed: {r.Error}");
    }

    private static void AddUncommitted(GitCli git, HashSet<string> paths)
    {
        if (HasCommits(git))
        {
            // Against HEAD: staged and unstaged together.
            paths.UnionWith(git.RunChecked("diff", "--name-only", "-z", "--no-renames", "HEAD", "--")
                .Split('\0', StringSplitOptions.RemoveEmptyEntries));
        }
        else
        {
            paths.UnionWith(git.RunChecked("ls-files", "-z", "--cached", "--full-name", ":/")
                .Split('\0', StringSplitOptions.RemoveEmptyEntries));
        }
        // Untracked but not ignored: a new file in an image folder must count before it is added.
        // ls-files runs in the stack folder; ":/" and --full-name make it list the whole repository from the root.
        paths.UnionWith(git.RunChecked("ls-files", "-z", "--others", "--exclude-standard", "--full-name", ":/")
            .Split('\0', StringSplitOptions.RemoveEmptyEntries));
    }
}
