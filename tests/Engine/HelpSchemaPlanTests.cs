using System.Text.Json.Nodes;

namespace Cascade.Tests.Engine;

public sealed class HelpSchemaPlanTests : IDisposable
{
    private readonly EngineFixture _fixture = new();
    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void Help_lists_targets_dependencies_defaults_and_parameters_and_runs_nothing()
    {
        var result = _fixture.Run("--help");

        result.ExitCode.Should().Be(0);
        result.Build.Ran.Should().BeEmpty();
        result.Output.Should().MatchRegex(@"Test \(default\)\s+Runs the tests  -> Compile");
        result.Output.Should().MatchRegex(@"Restore\s+Restores packages");
        result.Output.Should().MatchRegex(@"Publish\s+-> Pack, Test");
        result.Output.Should().MatchRegex(@"--base-ref <value>\s+Git ref to compare against \(default: origin/main\)");
        result.Output.Should().MatchRegex(@"--flavour <plain\|spicy>\s+How hot \(default: Plain\)");
        result.Output.Should().MatchRegex(@"--extra <values>\s+Image targets to add");
        result.Output.Should().MatchRegex(@"--token <value>\s+Registry token \(secret\)");
    }

    [Fact]
    public void Help_never_shows_a_secret_value()
    {
        var result = _fixture.Run(["-h"], new Dictionary<string, string?> { ["TOKEN"] = "env-secret-123" });

        result.ExitCode.Should().Be(0);
        result.Output.Should().NotContain("env-secret-123");
    }

    [Fact]
    public void The_schema_has_NUKEs_shape_with_added_targets_and_parameters()
    {
        _fixture.Run(["Restore", "--extra", "scipy"], new Dictionary<string, string?> { ["TOKEN"] = "env-secret-123" })
            .ExitCode.Should().Be(0);

        var text = File.ReadAllText(_fixture.SchemaPath);
        text.Should().NotContain("env-secret-123");
        var schema = JsonNode.Parse(text)!;
        schema["$schema"]!.GetValue<string>().Should().Be("http://json-schema.org/draft-04/schema#");
        var definitions = schema["definitions"]!;
        Strings(definitions["ExecutableTarget"]!["enum"]!).Should().Contain(["Image-scipy", "Restore", "GenerateWorkflows", "Test"]);
        Strings(definitions["Host"]!["enum"]!).Should().Contain("GitHubActions");
        Strings(definitions["Verbosity"]!["enum"]!).Should().Equal("Verbose", "Normal", "Minimal", "Quiet");
        var nuke = definitions["NukeBuild"]!["properties"]!;
        nuke["Target"]!["description"]!.GetValue<string>().Should().Be("List of targets to be invoked. Default is 'Test'");
        nuke["Skip"]!["items"]!["$ref"]!.GetValue<string>().Should().Be("#/definitions/ExecutableTarget");
        nuke["Plan"]!["description"]!.GetValue<string>().Should().Be("Shows the execution plan (HTML)");

        var own = schema["allOf"]![0]!["properties"]!;
        own["BaseRef"]!["type"]!.GetValue<string>().Should().Be("string");
        own["BaseRef"]!["description"]!.GetValue<string>().Should().Be("Git ref to compare against");
        own["Parallelism"]!["type"]!.GetValue<string>().Should().Be("integer");
        own["Ratio"]!["type"]!.GetValue<string>().Should().Be("number");
        own["All"]!["type"]!.GetValue<string>().Should().Be("boolean");
        own["Images"]!["type"]!.GetValue<string>().Should().Be("array");
        own["Images"]!["items"]!["type"]!.GetValue<string>().Should().Be("string");
        Strings(own["Flavour"]!["enum"]!).Should().Equal("Plain", "Spicy");
        own["Token"]!["default"]!.GetValue<string>().Should().Be("Secrets must be entered via 'nuke :secrets [profile]'");
        schema["allOf"]![1]!["$ref"]!.GetValue<string>().Should().Be("#/definitions/NukeBuild");
    }

    [Fact]
    public void The_schema_is_rewritten_only_when_its_content_changes()
    {
        _fixture.Run("--shell-completion").Output.Should().BeEmpty();
        var old = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(_fixture.SchemaPath, old);

        _fixture.Run("Restore");
        File.GetLastWriteTimeUtc(_fixture.SchemaPath).Should().Be(old);

        _fixture.Run("Restore", "--extra", "new-image");
        File.GetLastWriteTimeUtc(_fixture.SchemaPath).Should().NotBe(old);
        File.ReadAllText(_fixture.SchemaPath).Should().Contain("\"Image-new-image\"");
    }

    [Fact]
    public void Plan_writes_a_mermaid_page_highlighting_what_would_run_and_runs_nothing()
    {
        var result = _fixture.Run("Pack", "--plan", "--skip", "Restore");

        var path = Path.Combine(_fixture.Root, ".nuke", "temp", "execution-plan.html");
        result.ExitCode.Should().Be(0);
        result.Build.Ran.Should().BeEmpty();
        result.Output.Should().Contain(path);
        var html = File.ReadAllText(path);
        html.Should().Contain("<script type=\"module\">")
            .And.Contain("import mermaid from \"https://cdn.jsdelivr.net/npm/mermaid@11/dist/mermaid.esm.min.mjs\"");
        html.Should().Contain("<pre class=\"mermaid\">").And.Contain("graph LR");
        // Targets are numbered in declaration order: t0 Restore, t1 Compile, t2 Test, t3 Pack.
        html.Should().Contain("t0[&quot;Restore&quot;]").And.Contain("t0 --&gt; t1").And.Contain("t2 -.-&gt; t3");
        html.Should().Contain("class t1,t3 run").And.Contain("class t0 skip");
        html.Should().Contain("Runs, in order: Compile, Pack");
    }

    private static IEnumerable<string> Strings(JsonNode array) => array.AsArray().Select(n => n!.GetValue<string>());
}
