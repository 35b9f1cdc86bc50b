using System.Collections.Concurrent;

namespace Cascade.Changes.Fingerprints;

/// <summary>
/// What git knows of a stack folder's working tree, asked once: the tree id of every folder at HEAD, and
/// the paths that differ from HEAD (modified, staged, untracked, ignored). A context none of those paths
/// touches is exactly its HEAD tree, so its content id is read, not hashed. Paths are stack-relative.
/// </summary>
internal sealed class GitWorkingTree
{
    private readonly GitCli git;
    private readonly Dictionary<string, string> headTrees;
    private readonly HashSet<string> trackedIgnoreFiles;
    private readonly TouchedPaths touched;
    private readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, string>> indexBlobs = new(StringComparer.Ordinal);

    private GitWorkingTree(GitCli git, GitObjects objects, Dictionary<string, string> headTrees, List<(string, bool)> touched,
        HashSet<string> trackedIgnoreFiles)
    {
        this.git = git;
        this.trackedIgnoreFiles = trackedIgnoreFiles;
        Objects = objects;
        this.headTrees = headTrees;
        this.touched = new TouchedPaths(touched);
    }

    public GitObjects Objects { get; }

    /// <summary>Null outside a git repository: every context is then hashed from disk.</summary>
    public static GitWorkingTree? Open(string stackDirectory)
    {
        var git = new GitCli(stackDirectory);
        GitResult info;
        try { info = git.Run("rev-parse", "--show-object-format", "--show-prefix"); }
        catch (ChangeException) { return null; } // no git installed: hash from disk
        if (!info.Ok) return null;
        var lines = info.Output.Split('\n');
        var objects = new GitObjects(lines[0].Trim());
        var prefix = lines.Length > 1 ? lines[1].Trim() : "";

        // Both walk the repository: ask them side by side.
        var trees = Task.Run(() => HeadTrees(git));
        var ignoreFiles = Task.Run(() => TrackedIgnoreFiles(git));
        List<string> status;
        try { status = git.RunCheckedNulSeparated("status", "--porcelain", "-z", "--ignored", "--untracked-files=normal", "--", "."); }
        catch (ChangeException) { return null; } // a repository git cannot read: hash every context from disk
        return new GitWorkingTree(git, objects, trees.GetAwaiter().GetResult(), Touched(status, prefix), ignoreFiles.GetAwaiter().GetResult());
    }

    // Every tracked .dockerignore and <Dockerfile>.dockerignore below the stack folder, stack-relative: one index
    // scan instead of two file checks per image. Untracked or deleted ones show as touched, so are walked anyway.
    private static HashSet<string> TrackedIgnoreFiles(GitCli git)
    {
        var listing = git.Run("ls-files", "-z", "--", ":(glob)**/.dockerignore", ":(glob)**/*.dockerignore");
        return listing.Ok ? listing.NulSeparated().ToHashSet(StringComparer.Ordinal) : [];
    }

    /// <summary>Whether the index holds this stack-relative file (asked only of .dockerignore files).</summary>
    public bool TracksIgnoreFile(string path) => trackedIgnoreFiles.Contains(path);

    // "040000 tree <id>\t<path>" for every folder below the stack folder ("./" is the stack folder itself).
    private static Dictionary<string, string> HeadTrees(GitCli git)
    {
        var trees = new Dictionary<string, string>(StringComparer.Ordinal);
        var listing = git.Run("ls-tree", "-d", "-r", "-z", "HEAD", ".");
        if (!listing.Ok) return trees; // no commit yet
        foreach (var entry in listing.NulSeparated())
        {
            var tab = entry.IndexOf('\t');
            if (tab < 0) continue;
            var path = entry[(tab + 1)..];
            trees[path == "./" ? "" : path] = entry[(entry.LastIndexOf(' ', tab) + 1)..tab];
        }
        return trees;
    }

    // Porcelain v1 with -z: "XY path", and for a rename or copy the old path as the next entry. Paths are
    // relative to the repository root; an untracked or ignored folder is one entry ending in '/'.
    private static List<(string, bool)> Touched(List<string> entries, string prefix)
    {
        var touched = new List<(string, bool)>();
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            if (entry.Length < 4) continue;
            var code = entry[..2];
            touched.Add((StackRelative(entry[3..], prefix), code == "!!"));
            if (code[0] is 'R' or 'C' && i + 1 < entries.Count) touched.Add((StackRelative(entries[++i], prefix), false));
        }
        return touched;
    }

    private static string StackRelative(string rootRelative, string prefix) =>
        rootRelative.StartsWith(prefix, StringComparison.Ordinal) ? rootRelative[prefix.Length..] : rootRelative;

    /// <summary>The HEAD tree id of a stack-relative folder ("" is the stack folder), or null.</summary>
    public string? HeadTree(string folder) => headTrees.GetValueOrDefault(folder);

    /// <summary>Whether anything under <paramref name="folder"/> differs from HEAD; Dirty when it is a change
    /// git would commit (not merely an ignored file).</summary>
    public (bool Touched, bool Dirty) Changes(string folder) => touched.Under(folder);

    /// <summary>Whether this stack-relative file's content may differ from the index.</summary>
    public bool IsTouched(string path) => touched.Covers(path);

    /// <summary>Whether git ignores this stack-relative file (.gitignore): not part of what a commit holds.</summary>
    public bool IsIgnored(string path) => touched.IsIgnored(path);

    /// <summary>The index's blob id of every tracked file below <paramref name="folder"/>, by stack-relative path.</summary>
    public IReadOnlyDictionary<string, string> IndexBlobs(string folder) => indexBlobs.GetOrAdd(folder, f =>
    {
        var blobs = new Dictionary<string, string>(StringComparer.Ordinal);
        // "<mode> <id> <stage>\t<path>", paths relative to the stack folder (git's working directory).
        foreach (var entry in git.RunCheckedNulSeparated("ls-files", "-s", "-z", "--", f.Length == 0 ? "." : f))
        {
            var tab = entry.IndexOf('\t');
            var fields = entry[..tab].Split(' ');
            if (fields.Length >= 2) blobs[entry[(tab + 1)..]] = fields[1];
        }
        return blobs;
    });
}
