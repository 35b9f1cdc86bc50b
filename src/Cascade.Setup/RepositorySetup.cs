namespace Cascade.Setup;

/// <summary>
/// Gives one repository its Cascade build project: every file of <see cref="SetupTemplate"/>, and the .gitignore
/// lines it lacks. All or nothing: if the stack is missing or any of the files exists, nothing is written.
/// </summary>
internal sealed class RepositorySetup(string root, string stackFolder)
{
    private const string GitIgnore = ".gitignore";

    public bool Run(TextWriter output, TextWriter error)
    {
        var spec = Path.Combine(root, stackFolder, "spec.yml");
        if (!File.Exists(spec))
        {
            error.WriteLine($"cascade-setup: {spec} does not exist. Run cascade-setup in the root of the repository that " +
                            "holds the stack, or name its folder with --stack FOLDER. Nothing was written.");
            return false;
        }
        var files = SetupTemplate.Files(stackFolder);
        var existing = files.Where(f => File.Exists(PathOf(f.Path))).Select(f => f.Path).ToList();
        if (existing.Count > 0)
        {
            error.WriteLine($"cascade-setup: {string.Join(", ", existing)} already exist{(existing.Count == 1 ? "s" : "")} in {root}. " +
                            "Move them aside (or delete them) and run cascade-setup again. Nothing was written.");
            return false;
        }
        foreach (var (path, text) in files) Write(path, text, output);
        AppendGitIgnore(output);
        output.WriteLine($"Cascade {SetupTemplate.Version} is set up. Next: ./build.sh Plan, and ./build.sh GenerateWorkflows for CI.");
        return true;
    }

    private string PathOf(string relative) => Path.Combine(root, relative);

    private void Write(string relative, string text, TextWriter output)
    {
        var path = PathOf(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        // build.sh runs as ./build.sh (and git records it executable when the user commits it).
        if (relative.EndsWith(".sh", StringComparison.Ordinal) && !OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        output.WriteLine($"  wrote {relative}");
    }

    /// <summary>Adds the lines the repository's .gitignore lacks, after what it has; creates it if there is none.</summary>
    private void AppendGitIgnore(TextWriter output)
    {
        var path = PathOf(GitIgnore);
        var before = File.Exists(path) ? File.ReadAllText(path) : "";
        var present = before.Split('\n').Select(l => l.Trim()).ToHashSet();
        var missing = SetupTemplate.Read(SetupTemplate.GitIgnoreLines).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(l => !present.Contains(l)).ToList();
        if (missing.Count == 0) return;
        var separator = before.Length == 0 || before.EndsWith('\n') ? "" : "\n";
        File.AppendAllText(path, separator + string.Join("\n", missing) + "\n");
        output.WriteLine($"  added {string.Join(", ", missing)} to {GitIgnore}");
    }
}
