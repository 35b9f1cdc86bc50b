using Cascade.Engine;

namespace Cascade.Tests.Engine;

/// <summary>--help-markdown: the help's targets, parameters and options as a Markdown page whose cells stay cells.</summary>
public sealed class HelpPageTests : IDisposable
{
    private readonly EngineFixture _fixture = new();
    public void Dispose() => _fixture.Dispose();

    private sealed class PageBuild : NukeBuild
    {
        public enum Shape { Round, Square }

        [Parameter("How many at once", DefaultText = "the processor count")] public int Workers = Environment.ProcessorCount;
        [Parameter("Where <artifacts> go; a | b")] public string Folder = "out";
        [Parameter("Outline")] public Shape Outline = Shape.Round;
        [Parameter("Registry token"), Secret] public string? Token = null;
        [Parameter("Build every image")] public bool All = false;

        public Target Compile => _ => _.Description("Compiles `<the> code`").Executes(() => { });
        public Target Test => _ => _.Description("Runs the tests").DependsOn(Compile).Executes(() => { });
    }

    [Fact]
    public void Lists_targets_parameters_options_and_exit_codes_as_Markdown_tables()
    {
        var page = Run(["--help-markdown"], new Dictionary<string, string?>());

        page.Should().StartWith("# Targets and parameters\n");
        page.Should().Contain("| `Test` (default) | `Compile` | Runs the tests |\n");
        page.Should().Contain("| `--workers <number>` | the processor count | `WORKERS`, `Workers` | How many at once |\n",
            "a default that depends on the machine is shown in words, so the page is the same on every machine");
        page.Should().Contain("| `--folder <value>` | `out` | `FOLDER`, `Folder` | Where &lt;artifacts> go; a \\| b |\n",
            "outside code, <name> would vanish as an HTML tag, and a | would end the cell");
        page.Should().Contain("| `--outline <round\\|square>` | `Round` |");
        page.Should().Contain("| `--all` |  | `ALL`, `All` | Build every image |\n");
        page.Should().Contain("| `--help-markdown` |").And.Contain("| 2 |");
        page.Should().Contain("Compiles `<the> code`", "code spans keep their text as written");
    }

    [Fact]
    public void Never_shows_a_secret_value()
    {
        var page = Run(["--help-markdown"], new Dictionary<string, string?> { ["TOKEN"] = "env-secret-123" });

        page.Should().Contain("| `--token <value>` | (secret) |").And.NotContain("env-secret-123");
    }

    [Fact]
    public void The_text_help_shows_this_machines_value()
    {
        Run(["--help"], new Dictionary<string, string?>()).Should().Contain($"How many at once (default: {Environment.ProcessorCount})");
    }

    private string Run(string[] args, Dictionary<string, string?> environment)
    {
        var result = _fixture.Run(new PageBuild(), args, environment, null, x => x.Test);
        result.ExitCode.Should().Be(0, result.Output);
        return result.Output;
    }
}
