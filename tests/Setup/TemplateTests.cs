using Cascade.Setup;
using Cascade.Tests.Support;

namespace Cascade.Tests.Setup;

/// <summary>What cascade-setup writes comes from templates/ and from Cascade's own bootstrap scripts, kept once:
/// a stack repository's build.sh and build.ps1 are Cascade's, compiling build/ alone.</summary>
public sealed class TemplateTests
{
    private static readonly IReadOnlyDictionary<string, string> Written = SetupTemplate.Files("images").ToDictionary(f => f.Path, f => f.Text);

    private static string Own(string relative) => File.ReadAllText(RepositoryRoot.Combine(relative));

    [Fact]
    public void Setup_writes_the_build_project_the_scripts_the_sdk_and_the_parameters() =>
        Written.Keys.Should().BeEquivalentTo(
            [".nuke/parameters.json", "build.cmd", "build.ps1", "build.sh", "build/Build.cs", "build/_build.csproj", "global.json"]);

    [Theory]
    [InlineData("build.cmd")]
    [InlineData("global.json")]
    [InlineData(".nuke/parameters.json")]
    public void A_stack_repository_gets_Cascades_own_file(string file) => Written[file].Should().Be(Own(file));

    [Theory]
    [InlineData("build.sh", "BUILD_SOURCES=(\"$SCRIPT_DIR/build\")")]
    [InlineData("build.ps1", "$BuildSources = @(\"$PSScriptRoot\\build\")")]
    public void A_stack_repositorys_script_is_Cascades_own_compiling_build_alone(string file, string sources)
    {
        var (own, written) = (Own(file).Split('\n'), Written[file].Split('\n'));

        written.Length.Should().Be(own.Length, file);
        Enumerable.Range(0, own.Length).Where(i => own[i] != written[i]).Select(i => written[i]).Should().Equal([sources],
            $"{file} differs from Cascade's own only in what it compiles");
    }
}
