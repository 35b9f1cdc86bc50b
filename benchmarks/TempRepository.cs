using Cascade.Changes;

namespace Cascade.Benchmarks;

/// <summary>A git repository in a fresh temporary folder, deleted on dispose. Commits carry their identity on
/// the command line: the benchmarks must run on machines (CI runners) with no git config at all.</summary>
internal sealed class TempRepository : IDisposable
{
    private readonly GitCli _git;

    public TempRepository(string namePrefix)
    {
        Root = Directory.CreateTempSubdirectory(namePrefix).FullName;
        _git = new GitCli(Root);
        _git.RunChecked("init", "-q", "-b", "main");
    }

    public string Root { get; }

    /// <summary>Commits everything in the folder; returns the new commit's id.</summary>
    public string CommitAll(string message)
    {
        _git.RunChecked("add", "-A");
        _git.RunChecked("-c", "user.name=Cascade Benchmark", "-c", "user.email=bench@cascade.invalid",
            "-c", "commit.gpgsign=false", "commit", "-q", "-m", message);
        return _git.RunChecked("rev-parse", "HEAD").Trim();
    }

    public void Dispose() => DeleteFolder(Root);

    /// <summary>Deletes a folder, leaving it behind (not failing) when something holds it: cleanup of a temp
    /// folder must not hide the result or the error of the benchmark that made it.</summary>
    public static void DeleteFolder(string path)
    {
        try
        {
            if (!Directory.Exists(path)) return;
            // git makes its object files read-only; clear that so the delete works everywhere.
            foreach (var file in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories))
                File.SetAttributes(file, FileAttributes.Normal);
            Directory.Delete(path, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }
}
