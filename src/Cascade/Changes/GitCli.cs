using System.Diagnostics;
using System.Text;

namespace Cascade.Changes;

/// <summary>The result of one git invocation.</summary>
internal sealed record GitResult(int ExitCode, string Output, string Error)
{
    public bool Ok => ExitCode == 0;

    /// <summary>Entries of `-z` output: NUL-separated, so paths with spaces, quotes or newlines survive.</summary>
    public IEnumerable<string> NulSeparated() => Output.Split('\0', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>
/// Runs the git CLI in one working directory. The CLI rather than a library: it is what users have,
/// it honours their config (safe.directory, worktrees, partial clones) and needs no native binaries.
/// </summary>
internal sealed class GitCli(string workingDirectory)
{
    public string WorkingDirectory { get; } = workingDirectory;

    public GitResult Run(params string[] args) => Run(args, stdout => stdout.ReadToEndAsync(), (code, output, error) => new GitResult(code, output, error));

    /// <summary>Runs git and returns its NUL-separated output entries (empty ones dropped), or throws with
    /// git's own message when it fails. Split while reading: 50,000 changed paths never become one
    /// 4 MB string first, which on a big stack cost garbage collections on the critical path.</summary>
    public List<string> RunCheckedNulSeparated(params string[] args) =>
        Run(args, ReadNulSeparatedAsync, (code, entries, error) => code == 0 ? entries
            : throw new ChangeException($"git {string.Join(' ', args)} failed in {WorkingDirectory}: {error}"));

    internal static async Task<List<string>> ReadNulSeparatedAsync(StreamReader stdout)
    {
        var entries = new List<string>();
        var buffer = new char[64 * 1024];
        var pending = new System.Text.StringBuilder();
        int read;
        while ((read = await stdout.ReadAsync(buffer.AsMemory())) > 0)
        {
            var start = 0;
            for (var nul = Array.IndexOf(buffer, '\0', 0, read); nul >= 0; nul = Array.IndexOf(buffer, '\0', start, read - start))
            {
                if (pending.Length > 0)
                {
                    pending.Append(buffer, start, nul - start);
                    entries.Add(pending.ToString());
                    pending.Clear();
                }
                else if (nul > start) entries.Add(new string(buffer, start, nul - start));
                start = nul + 1;
            }
            pending.Append(buffer, start, read - start);
        }
        if (pending.Length > 0) entries.Add(pending.ToString());
        return entries;
    }

    private T Run<TOutput, T>(string[] args, Func<StreamReader, Task<TOutput>> readOutput, Func<int, TOutput, string, T> result)
    {
        var psi = new ProcessStartInfo("git")
        {
            WorkingDirectory = WorkingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        // Never wait on a credential prompt, and keep messages in English so they can be matched.
        psi.Environment["GIT_TERMINAL_PROMPT"] = "0";
        psi.Environment["LC_ALL"] = "C";
        // Cascade only reads: `git status` must not take .git/index.lock to refresh the index as it goes, or a
        // user's own git command at the same moment fails, and a run stopped mid-status could leave the lock.
        psi.Environment["GIT_OPTIONAL_LOCKS"] = "0";

        Process process;
        try
        {
            process = Process.Start(psi) ?? throw new ChangeException("could not start git");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new ChangeException("git is not installed or not on PATH; install git, or use --all or --images");
        }
        using (process)
        {
            // Read both streams at once: a full stderr pipe would otherwise block git while we wait on stdout.
            var stdout = readOutput(process.StandardOutput);
            var stderr = process.StandardError.ReadToEndAsync();
            process.WaitForExit();
            return result(process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.Result.Trim());
        }
    }

    /// <summary>Runs git and returns its output, or throws with git's own message when it fails.</summary>
    public string RunChecked(params string[] args)
    {
        var r = Run(args);
        if (!r.Ok)
            throw new ChangeException($"git {string.Join(' ', args)} failed in {WorkingDirectory}: {r.Error}");
        return r.Output;
    }
}
