namespace Cascade.Tests.Engine;

public sealed class ParameterSourceTests : IDisposable
{
    private readonly EngineFixture _fixture = new();
    public void Dispose() => _fixture.Dispose();

    private static Dictionary<string, string?> Env(params (string Name, string Value)[] variables) =>
        variables.ToDictionary(v => v.Name, v => (string?)v.Value);

    [Fact]
    public void Parameters_json_beats_the_initializer()
    {
        _fixture.WriteParameters("""{ "$schema": "./build.schema.json", "Parallelism": 4, "Images": ["a", "b"], "BaseRef": "develop" }""");

        var build = _fixture.Run("Restore").Build;

        build.Parallelism.Should().Be(4);
        build.Images.Should().Equal("a", "b");
        build.BaseRef.Should().Be("develop");
    }

    [Fact]
    public void An_environment_variable_beats_parameters_json()
    {
        _fixture.WriteParameters("""{ "Parallelism": 4, "BaseRef": "develop" }""");

        var build = _fixture.Run(["Restore"], Env(("PARALLELISM", "6"), ("base_ref", "from-env"))).Build;

        build.Parallelism.Should().Be(6);
        build.BaseRef.Should().Be("from-env");
    }

    [Fact]
    public void The_exact_member_name_works_as_a_variable_and_lists_split_on_spaces_or_commas()
    {
        var build = _fixture.Run(["Restore"], Env(("BaseRef", "exact"), ("IMAGES", "a, b c"))).Build;

        build.BaseRef.Should().Be("exact");
        build.Images.Should().Equal("a", "b", "c");
    }

    [Fact]
    public void The_command_line_beats_the_environment()
    {
        var build = _fixture.Run(["Restore", "--parallelism", "9"], Env(("PARALLELISM", "6"))).Build;

        build.Parallelism.Should().Be(9);
    }

    [Fact]
    public void An_empty_variable_counts_as_unset()
    {
        _fixture.WriteParameters("""{ "BaseRef": "develop" }""");

        var build = _fixture.Run(["Restore"], Env(("BASE_REF", ""))).Build;

        build.BaseRef.Should().Be("develop");
    }

    [Fact]
    public void A_bad_environment_value_names_the_variable()
    {
        var result = _fixture.Run(["Restore"], Env(("PARALLELISM", "lots")));

        result.ExitCode.Should().Be(2);
        result.Output.Should().Contain("--parallelism").And.Contain("environment variable PARALLELISM");
        result.Build.Ran.Should().BeEmpty();
    }

    [Fact]
    public void An_unknown_key_in_parameters_json_is_reported_with_a_suggestion()
    {
        _fixture.WriteParameters("""{ "Paralelism": 4 }""");

        var result = _fixture.Run("Restore");

        result.ExitCode.Should().Be(0);
        result.Output.Should().Contain("unknown parameter 'Paralelism'").And.Contain("'Parallelism'");
    }

    [Fact]
    public void Broken_json_names_the_file_and_line()
    {
        _fixture.WriteParameters("{\n  \"Parallelism\": 4\n  \"BaseRef\": 1\n}");

        var result = _fixture.Run("Restore");

        result.ExitCode.Should().Be(1);
        result.Output.Should().Contain("parameters.json:3");
        result.Output.Should().NotContain("   at ");
    }

    [Fact]
    public void A_profile_file_overrides_parameters_json()
    {
        _fixture.WriteParameters("""{ "Parallelism": 4, "BaseRef": "develop" }""");
        File.WriteAllText(Path.Combine(_fixture.NukeDirectory, "parameters.ci.json"), """{ "Parallelism": 16 }""");

        var build = _fixture.Run("Restore", "--profile", "ci").Build;

        build.Parallelism.Should().Be(16);
        build.BaseRef.Should().Be("develop");
    }
}
