using System.Text;
using Cascade.Tests.Support;
using Cascade.Workflows;
using CliWrap;
using CliWrap.Buffered;

namespace Cascade.Tests.Setup;

/// <summary>
/// A temporary folder feed of the Cascade packages, packed from this repository as the release workflow packs them
/// (<see cref="ReleaseWorkflow.PackedProjects"/>), and a NuGet packages folder of its own: a package packed here with
/// the version of one already in the machine's cache must not be taken for it. The machine's cache serves as a second
/// source, for the dependencies: nothing comes from the network.
/// </summary>
internal sealed class PackageFeed : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("cascade-feed-").FullName;

    public string Folder => Path.Combine(root, "feed");

    /// <summary>NUGET_PACKAGES for every process that restores from this feed.</summary>
    public string Packages => Path.Combine(root, "packages");

    /// <summary>Where a global tool goes (DOTNET_CLI_HOME), so `dotnet tool install --global` leaves the machine as it was.</summary>
    public string CliHome => Path.Combine(root, "home");

    public string ToolsFolder => Path.Combine(CliHome, ".dotnet", "tools");

    private static string MachineCache =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } packages
            ? packages
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    /// <summary>A nuget.config naming only this feed and the machine's cache.</summary>
    public string NugetConfig => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <clear />
            <add key="cascade" value="{Folder}" />
            <add key="machine-cache" value="{MachineCache}" />
          </packageSources>
        </configuration>

        """;

    /// <summary>Packs every Cascade package as <paramref name="version"/> (null: Directory.Build.props' version).
    /// Its own artifacts path: the worktree's bin/ and obj/, which the tests run from, stay as they are.</summary>
    public async Task PackAsync(string? version = null)
    {
        foreach (var project in ReleaseWorkflow.PackedProjects)
        {
            var result = await CliWrap.Cli.Wrap("dotnet")
                .WithArguments(["pack", RepositoryRoot.Combine(project), "-o", Folder, "--artifacts-path", Path.Combine(root, "artifacts"),
                    "-nologo", "--verbosity", "quiet", .. version is null ? Array.Empty<string>() : [$"-p:Version={version}"]])
                .WithValidation(CommandResultValidation.None)
                .ExecuteBufferedAsync(Encoding.UTF8);
            result.ExitCode.Should().Be(0, $"dotnet pack {project}:\n{result.StandardOutput}{result.StandardError}");
        }
    }

    public void Dispose()
    {
        try { Directory.Delete(root, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
