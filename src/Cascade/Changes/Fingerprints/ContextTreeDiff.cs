using System.Text.RegularExpressions;

namespace Cascade.Changes.Fingerprints;

/// <summary>
/// The files that differ between two contents of one build context, named by git from their tree ids (a context's id is
/// a git tree id, <see cref="ContextContent"/>) when the repository holds both trees: `images/x/start.sh changed`,
/// paths from the repository's root. A tree that is not in the repository (a shallow clone, a build from uncommitted
/// changes) gives null: git cannot say.
/// </summary>
internal sealed partial class ContextTreeDiff(string stackDirectory)
{
    /// <summary>Files named before the rest are counted.</summary>
    public const int MaxFiles = 10;

    private readonly GitCli git = new(stackDirectory);
    private readonly Lazy<string> prefix = new(() => PrefixOf(stackDirectory));

    public IReadOnlyList<string>? Files(string context, string before, string now)
    {
        // The previous id comes from a label in the registry: only an object id is handed to git, never an option.
        if (!ObjectId().IsMatch(before) || !ObjectId().IsMatch(now)) return null;
        GitResult diff;
        try { diff = git.Run("diff-tree", "-r", "-z", "--no-renames", "--name-status", before, now); }
        catch (ChangeException) { return null; } // no git: it cannot say
        if (!diff.Ok) return null;
        // -z: "STATUS\0path\0" for each file.
        var entries = diff.NulSeparated().ToList();
        var files = new List<string>();
        for (var i = 0; i + 1 < entries.Count; i += 2)
            files.Add($"{Display(context, entries[i + 1])} {Verb(entries[i])}");
        return files.Count <= MaxFiles ? files : [.. files.Take(MaxFiles), $"… and {files.Count - MaxFiles} more files"];
    }

    private string Display(string context, string path) =>
        RepoPath.Combine(prefix.Value, context + "/" + path) ?? path;

    private static string Verb(string status) => status switch
    {
        "A" => "added",
        "D" => "removed",
        _ => "changed",
    };

    // The stack folder's path from the repository's root (paths as `git status` shows them); "" when git cannot say.
    private static string PrefixOf(string stackDirectory)
    {
        try { return new GitCli(stackDirectory).Run("rev-parse", "--show-prefix") is { Ok: true } info ? info.Output.Trim() : ""; }
        catch (ChangeException) { return ""; }
    }

    [GeneratedRegex("^[0-9a-f]{40}([0-9a-f]{24})?$")]
    private static partial Regex ObjectId();
}
