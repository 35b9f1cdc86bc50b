using Cascade.Tests.Support;

namespace Cascade.Tests.Setup;

/// <summary>templates/ is what a stack repository gets; Cascade's own root has the same files, except that its build.sh
/// and build.ps1 also compile the product and the benchmarks beside build/. An edit to one must reach the other.</summary>
public sealed class TemplateTests
{
    private static string Template(string relative) => File.ReadAllText(RepositoryRoot.Combine("templates", relative));
    private static string Own(string relative) => File.ReadAllText(RepositoryRoot.Combine(relative));

    [Theory]
    [InlineData("build.cmd")]
    [InlineData("global.json")]
    public void Cascade_has_the_same_file_as_a_stack_repository(string file) => Own(file).Should().Be(Template(file));

    [Theory]
    [InlineData("build.sh", "BUILD_SOURCES=")]
    [InlineData("build.ps1", "$BuildSources =")]
    public void Cascade_has_the_same_script_but_for_what_it_compiles(string file, string sources)
    {
        static string[] Lines(string text) => text.Split('\n');
        var (own, template) = (Lines(Own(file)), Lines(Template(file)));

        own.Length.Should().Be(template.Length, file);
        var differing = Enumerable.Range(0, own.Length).Where(i => own[i] != template[i]).ToList();
        differing.Select(i => template[i]).Should().OnlyContain(l => l.StartsWith(sources, StringComparison.Ordinal) || l.StartsWith("# What the build is compiled from", StringComparison.Ordinal),
            $"{file} differs from templates/{file} only in what it compiles");
    }

    [Fact]
    public void The_parameters_are_Cascades_own_with_the_stack_folder_filled_in() =>
        Template(".nuke/parameters.json").Replace("{{StackFolder}}", "images").Should().Be(Own(".nuke/parameters.json"));
}
