namespace Cascade.Workflows;

/// <summary>
/// release.yml, only for a repository that packs Cascade itself (Cascade's own): on a tag v&lt;Version&gt;, packs
/// <see cref="PackedProjects"/> and pushes them to NuGet with the NUGET_API_KEY secret. The tag must be the version
/// of Directory.Build.props, the one place it is written, so a package never carries a version its tag does not.
/// </summary>
internal static class ReleaseWorkflow
{
    public const string FileName = "release.yml";

    /// <summary>The packages a release publishes: the library a build project references, and cascade-setup.
    /// The tests pack these same projects.</summary>
    public static readonly string[] PackedProjects = ["src/Cascade/Cascade.csproj", "src/Cascade.Setup/Cascade.Setup.csproj"];

    private const string Packages = "artifacts/packages";

    public static Workflow Create() => new()
    {
        Name = "release",
        On = new() { ["push"] = new Dictionary<string, object> { ["tags"] = new[] { "v*" } } },
        Permissions = CommonSteps.ReadOnly(),
        Jobs = new()
        {
            ["release"] = new Job
            {
                Name = "Pack and publish the Cascade packages",
                RunsOn = "ubuntu-latest",
                TimeoutMinutes = 15,
                Steps =
                [
                    CommonSteps.Checkout(),
                    CommonSteps.SetupDotnet(),
                    new Step { Name = "Check that the tag is Directory.Build.props' version", Run = CheckTag },
                    new Step { Name = "Pack", Run = string.Concat(PackedProjects.Select(p => $"dotnet pack {p} -o {Packages}\n")) },
                    new Step
                    {
                        // The key reaches dotnet through the environment, never on a command line a log could show.
                        Name = "Publish to NuGet",
                        Env = new() { ["NUGET_API_KEY"] = "${{ secrets.NUGET_API_KEY }}" },
                        Run = $"dotnet nuget push \"{Packages}/*.nupkg\" --api-key \"$NUGET_API_KEY\" --source https://api.nuget.org/v3/index.json --skip-duplicate\n",
                    },
                ],
            },
        },
    };

    private const string CheckTag = """
        version=$(dotnet msbuild src/Cascade/Cascade.csproj -getProperty:Version)
        if [[ "v$version" != "$GITHUB_REF_NAME" ]]; then
          echo "::error::The tag $GITHUB_REF_NAME is not v$version, the version in Directory.Build.props: bump it there, commit, and tag that commit."
          exit 1
        fi

        """;
}
