using Cascade.Pipeline;
using Spectre.Console;

namespace Cascade.Tests.Pipeline;

public class ReportersAndAncestorsTests
{
    [Fact]
    public async Task Missing_ancestors_are_those_found_nowhere_walking_upwards()
    {
        using var stack = new TempStack().Image("root").Image("mid", "root").Image("leaf", "mid").Image("present").Image("app", "present");
        var found = new HashSet<string> { "present" };
        Task<bool> Exists(string name, CancellationToken _) => Task.FromResult(found.Contains(name));

        (await AncestorCheck.MissingAncestors(stack.Graph, ["leaf", "app"], Exists, default)).Should().Equal("root", "mid");

        found.Add("mid");
        (await AncestorCheck.MissingAncestors(stack.Graph, ["leaf"], Exists, default))
            .Should().BeEmpty("mid exists, so its parents are not needed");
    }

    [Theory]
    [InlineData(null, null, false, false)]
    [InlineData("true", null, false, true)]
    [InlineData(null, "true", false, true)]
    [InlineData(null, null, true, true)]
    public void Ci_or_redirected_output_gets_plain_lines(string? ci, string? actions, bool redirected, bool plain)
    {
        var env = new Dictionary<string, string?> { ["CI"] = ci, ["GITHUB_ACTIONS"] = actions };
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(new StringWriter()) });
        var reporter = RunReporters.Create(console, new StringWriter(), k => env.GetValueOrDefault(k), redirected, TimeProvider.System);
        (reporter is PlainRunReporter).Should().Be(plain);
        (reporter is LiveRunReporter).Should().Be(!plain);
    }

    [Fact]
    public async Task The_live_view_shows_each_image_and_ends_with_the_results_table()
    {
        var text = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(text), Interactive = InteractionSupport.No, Ansi = AnsiSupport.No,
        });
        using var stack = new TempStack().Image("base").Image("leaf", "base");
        var engine = new FakeDockerEngine();
        engine.FailBuild.Add("leaf");
        var reporter = new LiveRunReporter(console, TimeProvider.System) { RefreshInterval = TimeSpan.FromMilliseconds(20) };
        var result = await new DagScheduler(engine, reporter, TimeProvider.System).RunAsync(
            new RunRequest(stack.Spec, stack.Graph, stack.Graph.Images,
                new RunOptions { Branch = "main", ArtifactsDirectory = stack.Artifacts, UpTo = PipelineStage.Build }), default);

        result["leaf"].Status.Should().Be(ImageStatus.Failed);
        var shown = text.ToString();
        shown.Should().Contain("base").And.Contain("succeeded").And.Contain("failed: RUN false");
        shown.Should().Contain("IMAGE").And.Contain("STATUS");
    }
}
