using Cascade.Text;
using Cascade.Setup;

namespace Cascade.Tests.Setup;

/// <summary>cascade-setup in process: what it writes, and that it writes nothing when it cannot write everything.</summary>
public sealed class RepositorySetupTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("cascade-setup-").FullName;

    private static readonly string[] Written =
        [".nuke/parameters.json", "build.cmd", "build.ps1", "build.sh", "build/Build.cs", "build/_build.csproj", "global.json"];

    public RepositorySetupTests() => Write("images/spec.yml", "images:\n  base:\n");

    private void Write(string relative, string text)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private string Read(string relative) => File.ReadAllText(Path.Combine(root, relative));

    private (int Exit, string Output, string Error) Run(params string[] args)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var exit = SetupCommand.Run(args, root, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    private IEnumerable<string> Files() =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'));

    [Fact]
    public void Writes_the_build_project_pinned_to_its_own_version_and_the_gitignore_lines()
    {
        Run().Exit.Should().Be(0);

        Files().Should().BeEquivalentTo([.. Written, ".gitignore", "images/spec.yml"]);
        Read("build/_build.csproj").Should().Contain($"<PackageReference Include=\"Cascade\" Version=\"{ProductVersion.Text}\" />");
        Read("build/Build.cs").Should().Contain("class Build : CascadeBuild");
        Read(".nuke/parameters.json").Should().Contain("\"Stack\": \"images\"");
        Read(".gitignore").Should().Be("artifacts/\n.nuke/temp/\nbuild/bin/\nbuild/obj/\n");
        File.GetUnixFileMode(Path.Combine(root, "build.sh")).Should().HaveFlag(UnixFileMode.UserExecute);
    }

    [Fact]
    public void Appends_to_a_gitignore_only_the_lines_it_lacks()
    {
        Write(".gitignore", "__pycache__/\nartifacts/\n*.log");

        Run().Exit.Should().Be(0);

        Read(".gitignore").Should().Be("__pycache__/\nartifacts/\n*.log\n.nuke/temp/\nbuild/bin/\nbuild/obj/\n");
    }

    [Fact]
    public void Refuses_to_overwrite_naming_the_file_and_writes_nothing()
    {
        Write("build.sh", "#!/bin/sh\necho mine\n");
        Write(".gitignore", "mine/\n");

        var (exit, _, error) = Run();

        exit.Should().Be(1);
        error.Should().Contain("build.sh already exists").And.Contain("Nothing was written");
        Files().Should().BeEquivalentTo(["build.sh", ".gitignore", "images/spec.yml"]);
        Read("build.sh").Should().Be("#!/bin/sh\necho mine\n");
        Read(".gitignore").Should().Be("mine/\n");
    }

    [Fact]
    public void Refuses_a_repository_without_the_stack_and_names_the_option()
    {
        var (exit, _, error) = Run("--stack", "stack");

        exit.Should().Be(1);
        error.Should().Contain(Path.Combine(root, "stack", "spec.yml")).And.Contain("--stack FOLDER");
        Files().Should().BeEquivalentTo(["images/spec.yml"]);
    }

    [Fact]
    public void Another_stack_folder_goes_into_the_parameters()
    {
        Write("stack/spec.yml", "images:\n  base:\n");

        Run("--stack", "stack/").Exit.Should().Be(0);

        Read(".nuke/parameters.json").Should().Contain("\"Stack\": \"stack\"");
    }

    [Fact]
    public void Unknown_arguments_print_the_usage()
    {
        var (exit, _, error) = Run("--force");

        exit.Should().Be(2);
        error.Should().Contain("unknown arguments '--force'").And.Contain("Usage: cascade-setup");
    }

    public void Dispose() => Directory.Delete(root, recursive: true);
}
