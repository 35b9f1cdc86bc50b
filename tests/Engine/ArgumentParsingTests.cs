using Cascade.Text;
using Cascade.Tests.Support;

namespace Cascade.Tests.Engine;

public sealed class ArgumentParsingTests : IDisposable
{
    private readonly EngineFixture _fixture = new();
    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void No_target_runs_the_default_with_its_dependencies_in_order()
    {
        var result = _fixture.Run();

        result.ExitCode.Should().Be(0, result.Output);
        result.Build.Ran.Should().Equal("Restore", "Compile", "Test");
        result.Build.InvokedTargets.Should().Equal("Test");
        result.Build.ScheduledTargets.Should().Equal("Restore", "Compile", "Test");
    }

    [Fact]
    public void Positional_targets_and_the_target_option_are_the_same()
    {
        _fixture.Run("Compile").Build.Ran.Should().Equal("Restore", "Compile");
        _fixture.Run("--target", "Compile", "Lint").Build.Ran.Should().Equal("Restore", "Lint", "Compile");
    }

    [Fact]
    public void Target_names_match_in_any_case_and_in_kebab_case()
    {
        var result = _fixture.Run("generate-workflows", "RESTORE");

        result.ExitCode.Should().Be(0, result.Output);
        result.Build.Ran.Should().Equal("GenerateWorkflows", "GenerateWorkflows.second", "Restore");
    }

    [Fact]
    public void Parameters_of_each_type_are_read_from_the_command_line()
    {
        var result = _fixture.Run("Restore", "--base-ref", "v1.2", "--parallelism", "8", "--flavour", "SPICY",
            "--ratio", "0.25", "--timeout", "10m", "--all", "--images", "a", "b", "c");

        result.ExitCode.Should().Be(0, result.Output);
        var build = result.Build;
        build.BaseRef.Should().Be("v1.2");
        build.Parallelism.Should().Be(8);
        build.Flavour.Should().Be(Flavour.Spicy);
        build.Ratio.Should().Be(0.25);
        build.Timeout.Should().Be(TimeSpan.FromMinutes(10));
        build.All.Should().BeTrue();
        build.Images.Should().Equal("a", "b", "c");
        build.Ran.Should().Equal("Restore");
    }

    [Fact]
    public void A_list_takes_words_until_the_next_option_and_a_switch_takes_an_explicit_false()
    {
        var result = _fixture.Run("--images", "x", "y", "--all", "false", "--base-ref=main", "Restore");

        result.Build.Images.Should().Equal("x", "y");
        result.Build.All.Should().BeFalse();
        result.Build.BaseRef.Should().Be("main");
        result.Build.Ran.Should().Equal("Restore");
    }

    [Fact]
    public void A_command_line_list_value_keeps_its_spaces()
    {
        _fixture.Run("Restore", "--images", "one two", "three").Build.Images.Should().Equal("one two", "three");
    }

    [Fact]
    public void Untouched_parameters_keep_their_initializer()
    {
        var build = _fixture.Run("Restore").Build;

        build.BaseRef.Should().Be("origin/main");
        build.Parallelism.Should().Be(2);
        build.Timeout.Should().BeNull();
    }

    [Theory]
    [InlineData("--parallelism", "abc", "'abc' is not a whole number")]
    [InlineData("--flavour", "mild", "one of plain, spicy")]
    [InlineData("--timeout", "soon", "is not a duration")]
    public void A_bad_value_names_the_parameter_and_runs_nothing(string option, string value, string explanation)
    {
        var result = _fixture.Run("Test", option, value);

        result.ExitCode.Should().Be(2);
        result.Output.Should().Contain(option).And.Contain(explanation);
        result.Output.Should().NotContain("   at ");
        result.Build.Ran.Should().BeEmpty();
    }

    [Fact]
    public void A_parameter_without_its_value_is_an_error()
    {
        var result = _fixture.Run("Test", "--parallelism");

        result.ExitCode.Should().Be(2);
        result.Output.Should().Contain("--parallelism needs a value");
    }

    [Fact]
    public void An_unknown_target_suggests_the_closest_and_runs_nothing()
    {
        var result = _fixture.Run("Compil");

        result.ExitCode.Should().NotBe(0);
        result.Output.Should().Contain("Unknown target 'Compil'. Did you mean 'Compile'?");
        result.Build.Ran.Should().BeEmpty();
    }

    [Fact]
    public void An_unknown_parameter_suggests_the_closest_and_runs_nothing()
    {
        var result = _fixture.Run("Test", "--paralelism", "3");

        result.ExitCode.Should().NotBe(0);
        result.Output.Should().Contain("Unknown parameter '--paralelism'. Did you mean '--parallelism'?");
        result.Build.Ran.Should().BeEmpty();
    }

    [Fact]
    public void The_root_is_the_nearest_folder_above_holding_dot_nuke()
    {
        var nested = Directory.CreateDirectory(Path.Combine(_fixture.Root, "images", "base")).FullName;

        var result = _fixture.Run(["Restore"], new Dictionary<string, string?>(), nested);

        result.ExitCode.Should().Be(0, result.Output);
        result.Build.RootDirectory.Should().Be(_fixture.Root);
        result.Build.TemporaryDirectory.Should().Be(Path.Combine(_fixture.Root, ".nuke", "temp"));
    }

    [Fact]
    public void Version_prints_the_packages_version_and_needs_no_root()
    {
        var outside = Directory.CreateTempSubdirectory("cascade-no-root-");
        try
        {
            var result = _fixture.Run(["--version"], new Dictionary<string, string?>(), outside.FullName);

            result.ExitCode.Should().Be(0, result.Output);
            result.Output.Trim().Should().Be(ProductVersion.Text).And.MatchRegex(@"^\d+\.\d+\.\d+", "Directory.Build.props' <Version>");
        }
        finally
        {
            outside.Delete(recursive: true);
        }
    }

    [Fact]
    public void Without_dot_nuke_anywhere_the_build_says_how_to_fix_it()
    {
        using var outside = new TempFolder("cascade-no-root-");
        var result = _fixture.Run(["Restore"], new Dictionary<string, string?>(), outside.Path);

        result.ExitCode.Should().Be(2);
        result.Output.Should().Contain("No .nuke folder").And.Contain("--root");
    }

    [Fact]
    public void A_build_on_CI_is_not_local()
    {
        _fixture.Run(["Restore"], new Dictionary<string, string?> { ["GITHUB_ACTIONS"] = "true" }).Build.IsLocalBuild.Should().BeFalse();
        _fixture.Run(["Restore"], new Dictionary<string, string?>()).Build.IsLocalBuild.Should().BeTrue();
    }
}
