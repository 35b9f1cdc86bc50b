using System.Text;
using Cascade.Tests.Changes;
using Cascade.Tests.Support;
using CliWrap;
using CliWrap.Buffered;

namespace Cascade.Tests.Setup;

/// <summary>
/// A stack repository as a DataHub maintainer has it before Cascade: a git repository holding only images/ (spec.yml,
/// one Dockerfile folder per image, tests_common/, conftest.py, change_ignore.json) and its own .gitignore, plus a
/// nuget.config naming <see cref="PackageFeed"/>. The images are FROM-scratch busybox images pushed to
/// <paramref name="registry"/> under a unique owner, removed from the daemon on dispose, pass or fail.
/// Commands run in its root through bash, as a user types them, with the feed's NuGet and tool folders.
/// </summary>
internal sealed class StackRepository : IDisposable
{
    public static readonly string[] Images = ["datascience-notebook", "rstudio-notebook", "scipy-ml-notebook"];

    public const string OwnGitIgnore = "__pycache__/\n.ipynb_checkpoints\n";

    private readonly PackageFeed feed;
    private readonly BusyboxStack busybox = new();

    public GitSandbox Git { get; } = new();

    public string Owner => busybox.Prefix;

    public StackRepository(PackageFeed feed, string registry)
    {
        this.feed = feed;
        Git.Write("nuget.config", feed.NugetConfig).Write(".gitignore", OwnGitIgnore);
        Git.Write("images/spec.yml", $"""
            root: datascience-notebook
            registry: "{registry}"
            owner: {Owner}
            tag:
              prefix: "2026.1"
            images:
              datascience-notebook:
              rstudio-notebook:
                depend_on: datascience-notebook
              scipy-ml-notebook:
                depend_on: datascience-notebook

            """);
        Git.Write("images/datascience-notebook/Dockerfile", busybox.BusyboxDockerfile);
        File.Copy("/bin/busybox", Git.PathOf("images/datascience-notebook/busybox"));
        foreach (var child in Images.Skip(1))
            Git.Write($"images/{child}/Dockerfile", $"ARG BASE_IMAGE\nFROM ${{BASE_IMAGE}}\nRUN echo {child} > /etc/notebook\n");
        Git.Write("images/conftest.py", "# DataHub's pytest fixtures live here; these busybox images have no Python to run them.\n")
            .Write("images/change_ignore.json", "{\"ChangeIgnore\": [\"*.md\"], \"BuildAll\": []}\n");
        WriteExecutable("images/tests_common/shell.sh", "#!/bin/sh\ntest -x /bin/sh\n");
        Git.Commit("the stack, before Cascade");
    }

    public string Root => Git.Root;

    public string Read(string relative) => File.ReadAllText(Git.PathOf(relative));

    public void WriteExecutable(string relative, string text)
    {
        Git.Write(relative, text);
        File.SetUnixFileMode(Git.PathOf(relative), (UnixFileMode)0b111_101_101);
    }

    /// <summary>`git status --porcelain`: empty when the working tree is clean.</summary>
    public string Status() => Git.Git("status", "--porcelain", "--untracked-files=all");

    /// <summary>One command line, run by bash in the root; its exit code and everything it wrote.</summary>
    public async Task<(int ExitCode, string Output)> RunAsync(string line)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        var result = await CliWrap.Cli.Wrap("bash").WithArguments(["-c", line]).WithWorkingDirectory(Root)
            .WithEnvironmentVariables(new Dictionary<string, string?>
            {
                ["DOTNET_CLI_HOME"] = feed.CliHome,
                ["NUGET_PACKAGES"] = feed.Packages,
                ["PATH"] = $"{Environment.GetEnvironmentVariable("PATH")}:{feed.ToolsFolder}",
                ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
                ["DOTNET_NOLOGO"] = "1",
            })
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(Encoding.UTF8, timeout.Token);
        return (result.ExitCode, $"$ {line}\n{result.StandardOutput}{result.StandardError}");
    }

    /// <summary>Runs the line and fails the test, with its output, unless it succeeds; returns the output.</summary>
    public async Task<string> SucceedsAsync(string line)
    {
        var (exit, output) = await RunAsync(line);
        exit.Should().Be(0, output);
        return output;
    }

    public void Dispose()
    {
        DockerTestCleanup.RemoveImagesWithPrefix(Owner);
        busybox.Dispose();
        Git.Dispose();
    }
}
