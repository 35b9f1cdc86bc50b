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

    public GitResult Run(params string[] args)
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
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            process.WaitForExit();
            return new GitResult(process.ExitCode, stdout.Result, stderr.Result.Trim());
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
