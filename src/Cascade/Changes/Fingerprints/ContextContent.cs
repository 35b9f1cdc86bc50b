using Cascade.Contexts;
using System.Text;

namespace Cascade.Changes.Fingerprints;

/// <summary>The content id of one build context as Docker receives it, and whether it holds uncommitted changes.</summary>
internal sealed record ContextId(string TreeId, bool Dirty);

/// <summary>
/// The content of a build context as one git tree id: the files, modes and symlink targets that are sent
/// (after .dockerignore), in git's tree format. A clean context without a .dockerignore is its HEAD tree,
/// read from git; any other is walked exactly as the build context is, taking the index's blob id for a
/// tracked, unmodified file and hashing only the rest. Empty folders are not part of it (git has none).
/// </summary>
internal sealed class ContextContent(string stackDirectory, GitWorkingTree? git)
{
    private readonly GitObjects objects = git?.Objects ?? GitObjects.Sha1;

    public ContextId Of(string context, string dockerfile)
    {
        var folder = RepoPath.Combine("", context);
        var changes = folder is null || git is null ? (Touched: true, Dirty: false) : git.Changes(folder);
        if (folder is not null && git is not null && !changes.Touched && !HasDockerIgnore(git, folder, dockerfile)
            && git.HeadTree(folder) is { } head)
            return new ContextId(head, false);
        return new ContextId(Walk(context, dockerfile, folder), changes.Dirty);
    }

    /// <summary>The Dockerfile's blob id (git's SHA-1 object id of its content): it lets a later plan say the Dockerfile
    /// changed when git no longer has the context's tree. Read only when asked — for a build's label and for Plan
    /// --explain —, never for every image of a plan: on 5,000 images those reads were a fifth of Plan's time.
    /// Null when it cannot be read.</summary>
    public static string? DockerfileId(string stackDirectory, string context, string dockerfile)
    {
        try { return GitObjects.Sha1.BlobIdOfFile(Path.Combine(stackDirectory, context, dockerfile)); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }

    // Asked only of an untouched context, whose files are exactly the index's: the index answers.
    private static bool HasDockerIgnore(GitWorkingTree git, string folder, string dockerfile)
    {
        var prefix = folder.Length == 0 ? "" : folder + "/";
        return git.TracksIgnoreFile(prefix + ".dockerignore") || git.TracksIgnoreFile(prefix + dockerfile + ".dockerignore");
    }

    private string Walk(string context, string dockerfile, string? folder)
    {
        var index = folder is not null && git is not null ? git.IndexBlobs(folder) : null;
        var trees = new Dictionary<string, List<TreeEntry>>(StringComparer.Ordinal) { [""] = [] };
        foreach (var entry in new BuildContext(Path.Combine(stackDirectory, context), dockerfile).EnumerateEntries())
        {
            if (entry.IsDirectory) continue; // a folder exists in the tree only through what it holds
            var slash = entry.RelativePath.LastIndexOf('/');
            var parent = slash < 0 ? "" : entry.RelativePath[..slash];
            var name = entry.RelativePath[(slash + 1)..];
            var stackPath = folder is null ? null : folder.Length == 0 ? entry.RelativePath : folder + "/" + entry.RelativePath;
            var mode = entry.IsSymlink ? "120000" : entry.IsExecutable ? "100755" : "100644";
            var id = entry.IsSymlink ? objects.BlobId(Encoding.UTF8.GetBytes(entry.Info.LinkTarget ?? ""))
                : stackPath is not null && index is not null && index.TryGetValue(stackPath, out var blob) && !git!.IsTouched(stackPath) ? blob
                : objects.BlobIdOfFile(entry.Info.FullName);
            Folder(trees, parent).Add(new TreeEntry(mode, name, id));
        }
        // Deepest folders first, so each tree is complete before its parent lists it.
        foreach (var path in trees.Keys.Where(k => k.Length > 0).OrderByDescending(k => k.Count(c => c == '/')).ToList())
        {
            var slash = path.LastIndexOf('/');
            Folder(trees, slash < 0 ? "" : path[..slash]).Add(new TreeEntry(TreeEntry.TreeMode, path[(slash + 1)..], objects.TreeId(trees[path])));
        }
        return objects.TreeId(trees[""]);
    }

    private static List<TreeEntry> Folder(Dictionary<string, List<TreeEntry>> trees, string path)
    {
        if (trees.TryGetValue(path, out var list)) return list;
        trees[path] = list = [];
        // Its parents must exist too, even when they hold no file of their own.
        var slash = path.LastIndexOf('/');
        if (path.Length > 0) Folder(trees, slash < 0 ? "" : path[..slash]);
        return list;
    }
}
