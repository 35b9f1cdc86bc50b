using System.Diagnostics;

namespace Cascade.Tests.Support;

/// <summary>A real git repository in a temp folder, removed on dispose.</summary>
internal sealed class GitSandbox : IDisposable
{
    private readonly TempFolder _folder = new("cascade-changes-");

    public string Root => _folder.Path;

    public GitSandbox(bool init = true)
    {
        if (!init) return;
        Git("init", "-q", "-b", "main");
        Git("config", "user.name", "Cascade Tests");
        Git("config", "user.email", "tests@cascade.invalid");
        Git("config", "commit.gpgsign", "false");
    }

    public string PathOf(string relative) => Path.Combine(Root, relative);

    public GitSandbox Write(string relative, string text)
    {
        var full = PathOf(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
        return this;
    }

    public GitSandbox Delete(string relative)
    {
        File.Delete(PathOf(relative));
        return this;
    }

    /// <summary>Stages everything and commits; returns the new commit's hash.</summary>
    public string Commit(string message = "change")
    {
        Git("add", "-A");
        Git("commit", "-q", "--allow-empty", "-m", message);
        return Git("rev-parse", "HEAD").Trim();
    }

    public string Git(params string[] args)
    {
        var psi = new ProcessStartInfo("git") { WorkingDirectory = Root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"git {string.Join(' ', args)}: {stderr.Result}");
        return stdout.Result;
    }

    public void Dispose() => _folder.Dispose();
}
