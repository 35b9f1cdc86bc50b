using Cascade.Reports;
using Cascade.Pipeline;
using Spectre.Console;
using Cascade.Tests.Support;

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
    [InlineData(false)]
    [InlineData(true)]
    public void Plain_progress_gets_plain_lines_else_the_live_view(bool plain)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(new StringWriter()) });
        var reporter = RunReporters.Create(console, new StringWriter(), plain, TimeProvider.System, ResultsFile.Table);
        (reporter is PlainRunReporter).Should().Be(plain);
        (reporter is LiveRunReporter).Should().Be(!plain);
    }

    [Fact]
    public async Task The_live_view_shows_each_image_and_ends_with_the_results_table()
    {
        var (console, text) = PlainConsole();
        using var stack = new TempStack().Image("base").Image("leaf", "base");
        var engine = new FakeDockerEngine();
        engine.FailBuild.Add("leaf");
        var reporter = new LiveRunReporter(console, TimeProvider.System, ResultsFile.Table) { RefreshInterval = TimeSpan.FromMilliseconds(20) };
        var result = await new DagScheduler(engine, reporter, TimeProvider.System).RunAsync(
            new RunRequest(stack.Spec, stack.Graph, stack.Graph.Images,
                new RunOptions { Branch = "main", ArtifactsDirectory = stack.Artifacts, UpTo = PipelineStage.Build }), default);

        result["leaf"].Status.Should().Be(ImageStatus.Failed);
        var shown = text.ToString();
        shown.Should().Contain("base").And.Contain("succeeded").And.Contain("failed: RUN false");
        shown.Should().Contain("IMAGE").And.Contain("STATUS");
    }

    [Fact]
    public async Task A_paused_live_view_leaves_its_table_and_draws_it_anew_below_what_was_printed_meanwhile()
    {
        var (console, text) = PlainConsole();
        var reporter = new LiveRunReporter(console, TimeProvider.System, ResultsFile.Table) { RefreshInterval = TimeSpan.FromMilliseconds(20) };
        reporter.RunStarting(["base"]);
        reporter.StageStarted("base", PipelineStage.Build);

        await reporter.PauseAsync();
        console.WriteLine("Build: 1 image(s) built");
        reporter.Resume();
        reporter.ImageFinished(new ImageResult { Name = "base", Status = ImageStatus.Succeeded, Stage = PipelineStage.Test });
        await reporter.RunFinishedAsync(new RunResult([], false));

        var shown = text.ToString();
        var between = shown.IndexOf("Build: 1 image(s) built", StringComparison.Ordinal);
        shown.IndexOf("building", StringComparison.Ordinal).Should().BeInRange(0, between, shown);
        shown.IndexOf("succeeded", between, StringComparison.Ordinal).Should().BePositive(shown);
    }

    [Fact]
    public async Task On_the_terminal_a_failed_test_shows_its_last_lines_and_its_log_after_the_table()
    {
        var (console, text) = PlainConsole();
        using var stack = new TempStack().Image("base").Executable("base/test/check.sh", "exit 1");
        var engine = new FakeDockerEngine();
        engine.FailTests.Add("check.sh");
        var reporter = new LiveRunReporter(console, TimeProvider.System, ResultsFile.Table) { RefreshInterval = TimeSpan.FromMilliseconds(20) };
        await new DagScheduler(engine, reporter, TimeProvider.System).RunAsync(
            new RunRequest(stack.Spec, stack.Graph, stack.Graph.Images,
                new RunOptions { Branch = "main", ArtifactsDirectory = stack.Artifacts, UpTo = PipelineStage.Test }), default);

        var log = Path.Combine(stack.Artifacts, "base", "tests", "base", "test", "check.sh.log");
        text.ToString().Should().Contain("base: test base/test/check.sh failed (exit 1)\n  | assertion failed\n  full log: " + log);
    }

    /// <summary>A Spectre console writing plain text (no colour, not interactive) into a string.</summary>
    private static (IAnsiConsole Console, StringWriter Text) PlainConsole()
    {
        var text = new StringWriter();
        return (AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(text), Interactive = InteractionSupport.No, Ansi = AnsiSupport.No,
        }), text);
    }
}
