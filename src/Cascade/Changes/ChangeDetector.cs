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
        var stack = Locate(stackDirectory, specFile);
        var paths = new HashSet<string>(StringComparer.Ordinal);
        // Without a base ref only the working tree is compared: the base is the last commit.
        var (mergeBase, oldSpec) = options.BaseRef is not null ? AddCommitted(stack, options, paths)
            : (null, HasCommits(stack.Git) ? ReadAt(stack.Git, "HEAD", stack.SpecPath) : null);
        var newSpec = HeadSpec(stack, options, paths);
        if (ReferenceEquals(oldSpec, Unread)) oldSpec = newSpec;
        return new ChangeSet
        {
            Paths = paths.Order(StringComparer.Ordinal).ToList(),
            StackPath = stack.StackPath,
            Spec = new SpecTexts(oldSpec, newSpec),
            BaseRef = options.BaseRef,
            MergeBase = mergeBase,
            HeadRef = options.HeadRef,
            IncludesUncommitted = options.IncludeUncommitted,
        };
    }

    /// <summary>Where a stack sits in its git repository: the stack folder's and spec.yml's paths from its root.</summary>
    private sealed record StackInRepo(GitCli Git, string RepoRoot, string StackPath, string SpecPath);

    private static StackInRepo Locate(string stackDirectory, string specFile)
    {
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
        return new StackInRepo(git, repoRoot, stackPath, specPath);
    }

    /// <summary>Adds the paths changed between the merge base and the head; returns the merge base and spec.yml's
    /// text there (<see cref="Unread"/> when it is the head's).</summary>
    private static (string? MergeBase, string? OldSpec) AddCommitted(StackInRepo stack, ChangeOptions options, HashSet<string> paths)
    {
        var git = stack.Git;
        var headCommit = ResolveCommit(git, options.HeadRef, "head");
        RevisionChecks.EnsureHeadMatchesWorkingTree(git, options.HeadRef, headCommit, stack.RepoRoot,
            [stack.SpecPath, RepoPath.Combine(stack.StackPath, ChangeIgnoreFile.FileName)!]);
        var mergeBase = MergeBase(git, options.BaseRef!, options, headCommit);
        // --no-renames: a moved file counts at its old place (the image it left) and its new one.
        paths.UnionWith(git.RunCheckedNulSeparated("diff", "--name-only", "-z", "--no-renames", mergeBase, headCommit, "--"));
        // Not among the changed paths: the same text on both sides, so one `git show` is enough.
        return (mergeBase, paths.Contains(stack.SpecPath) || options.IncludeUncommitted ? ReadAt(git, mergeBase, stack.SpecPath) : Unread);
    }

    private static string MergeBase(GitCli git, string baseRef, ChangeOptions options, string headCommit)
    {
        if (options.BaseIsDefault && !Resolves(git, baseRef))
        {
            // The default base (the previous commit) does not exist in a repository's first commit:
            // compare with the empty tree, so everything the commit holds counts as new. A shallow
            // clone lacks it too, but there the history is only cut: that is refused, not guessed.
            RevisionChecks.EnsureNotShallow(git, baseRef);
            return git.RunChecked("hash-object", "-t", "tree", "/dev/null").Trim();
        }
        var baseCommit = ResolveCommit(git, baseRef, "base");
        var mb = git.Run("merge-base", baseCommit, headCommit);
        if (!mb.Ok)
            throw new ChangeException(
                $"'{baseRef}' and '{options.HeadRef}' share no history (no merge base); " +
                "in a shallow clone fetch the full history (actions/checkout with fetch-depth: 0)");
        return mb.Output.Trim();
    }

    /// <summary>spec.yml's text on the head side: the working tree's with uncommitted changes (whose paths it adds),
    /// else the head ref's.</summary>
    private static string? HeadSpec(StackInRepo stack, ChangeOptions options, HashSet<string> paths)
    {
        if (!options.IncludeUncommitted) return ReadAt(stack.Git, options.HeadRef, stack.SpecPath);
        AddUncommitted(stack.Git, paths);
        var specFull = Path.Combine(stack.RepoRoot, stack.SpecPath);
        return File.Exists(specFull) ? File.ReadAllText(specFull) : null;
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
