using Cascade.Engine;

namespace Cascade.Tests.Engine;

public sealed class ExecutionTests : IDisposable
{
    private readonly EngineFixture _fixture = new();
    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void Each_target_runs_once_even_when_reached_twice()
    {
        var result = _fixture.Run("Everything");

        result.ExitCode.Should().Be(0, result.Output);
        result.Build.Ran.Should().Equal("Restore", "Compile", "Test", "Pack");
        result.Output.Should().MatchRegex(@"Everything\s+Collective");
    }

    [Fact]
    public void After_orders_scheduled_targets_without_scheduling_them()
    {
        _fixture.Run("Pack", "Test").Build.Ran.Should().Equal("Restore", "Compile", "Test", "Pack");
        _fixture.Run("Pack").Build.Ran.Should().Equal("Restore", "Compile", "Pack");
    }

    [Fact]
    public void Before_orders_scheduled_targets()
    {
        _fixture.Run("Compile", "Lint").Build.Ran.Should().Equal("Restore", "Lint", "Compile");
    }

    [Fact]
    public void Skip_alone_skips_every_dependency()
    {
        var result = _fixture.Run("Test", "--skip");

        result.Build.Ran.Should().Equal("Test");
        result.Output.Should().MatchRegex(@"Restore\s+Skipped").And.MatchRegex(@"Compile\s+Skipped");
        result.Build.ScheduledTargets.Should().Equal("Test");
    }

    [Fact]
    public void Skip_with_names_skips_only_those()
    {
        _fixture.Run("Test", "--skip", "compile").Build.Ran.Should().Equal("Restore", "Test");
    }

    [Fact]
    public void OnlyWhen_false_skips_the_target_but_its_dependencies_run()
    {
        var result = _fixture.Run("Publish", "--no-publish", "--token", "t0k3n-value");

        result.ExitCode.Should().Be(0, result.Output);
        result.Build.Ran.Should().Equal("Restore", "Compile", "Test", "Pack");
        result.Output.Should().MatchRegex(@"Publish\s+Skipped");
    }

    [Fact]
    public void Requires_stops_the_build_before_anything_runs()
    {
        var result = _fixture.Run("Publish");

        result.ExitCode.Should().Be(1);
        result.Output.Should().Contain("Parameter --token is required by target Publish");
        result.Build.Ran.Should().BeEmpty();
    }

    [Fact]
    public void A_failure_marks_dependants_NotRun_and_exits_1_without_a_stack_trace()
    {
        var result = _fixture.Run("Test", "--fail-in", "Compile");

        result.ExitCode.Should().Be(1);
        result.Build.Ran.Should().Equal("Restore", "Compile");
        result.Output.Should().Contain("Target Compile failed: Compile broke");
        result.Output.Should().MatchRegex(@"Compile\s+Failed").And.MatchRegex(@"Test\s+NotRun");
        result.Output.Should().Contain("Build failed on ");
        result.Output.Should().NotContain("   at ");
    }

    [Fact]
    public void The_stack_trace_appears_at_verbose()
    {
        var result = _fixture.Run("Restore", "--fail-in", "Restore", "--verbosity", "verbose");

        result.Output.Should().Contain("   at ");
    }

    [Fact]
    public void Without_ProceedAfterFailure_a_failure_stops_independent_targets()
    {
        var result = _fixture.Run("Lint", "GenerateWorkflows", "--fail-in", "Lint");

        result.ExitCode.Should().Be(1);
        result.Build.Ran.Should().Equal("Lint");
        result.Output.Should().MatchRegex(@"GenerateWorkflows\s+NotRun");
    }

    [Fact]
    public void With_ProceedAfterFailure_independent_targets_still_run()
    {
        var result = _fixture.Run("Tolerant", "Restore", "--fail-in", "Tolerant");

        result.ExitCode.Should().Be(1);
        result.Build.Ran.Should().Equal("Tolerant", "Restore");
        result.Output.Should().MatchRegex(@"Restore\s+Succeeded");
    }

    [Fact]
    public void An_AssuredAfterFailure_target_runs_after_its_dependency_failed()
    {
        var result = _fixture.Run("Report", "--fail-in", "Compile");

        result.ExitCode.Should().Be(1);
        result.Build.Ran.Should().Equal("Restore", "Compile", "Report");
        result.Output.Should().MatchRegex(@"Compile\s+Failed").And.MatchRegex(@"Report\s+Succeeded");
    }

    [Fact]
    public void SkippedTargets_are_those_skip_took_out()
    {
        var result = _fixture.Run("Test", "--skip", "Restore");

        result.Build.SkippedTargets.Should().Equal("Restore");
        result.Build.ScheduledTargets.Should().Equal("Compile", "Test");
    }

    [Fact]
    public void Async_and_several_Executes_run_in_order()
    {
        var result = _fixture.Run("generate-workflows");

        result.Build.Ran.Should().Equal("GenerateWorkflows", "GenerateWorkflows.second");
        result.Output.Should().MatchRegex(@"GenerateWorkflows\s+Succeeded");
    }

    [Fact]
    public void Targets_added_in_OnBuildCreated_run_like_any_other()
    {
        var result = _fixture.Run("Image-b", "--extra", "a", "b");

        result.ExitCode.Should().Be(0, result.Output);
        result.Build.Ran.Should().Equal("Restore", "Image-b");
    }

    [Fact]
    public void The_summary_lists_each_target_with_status_and_the_verdict()
    {
        var result = _fixture.Run("Test");

        result.Output.Should().MatchRegex(@"Target\s+Status\s+Duration");
        result.Output.Should().MatchRegex(@"Restore\s+Succeeded\s+< 1s");
        result.Output.Should().MatchRegex(@"Total\s+< 1s");
        result.Output.Should().MatchRegex(@"Build succeeded on \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}");
        result.Output.Should().NotContain("\u001b[", "colour is for terminals only");
    }

    [Fact]
    public void Quiet_prints_only_the_verdict()
    {
        var result = _fixture.Run("Test", "--verbosity", "quiet");

        result.Output.Should().NotContain("Duration").And.NotContain("=== Test ===");
        result.Output.Should().Contain("Build succeeded on ");
    }

    [Fact]
    public void Continue_skips_the_targets_that_succeeded_in_the_previous_attempt()
    {
        var first = _fixture.Run(["Test"], new Dictionary<string, string?> { ["FAIL_IN"] = "Test" });
        first.ExitCode.Should().Be(1);

        var second = _fixture.Run("Test", "--continue");

        second.ExitCode.Should().Be(0, second.Output);
        second.Build.IsContinue.Should().BeTrue();
        second.Build.Ran.Should().Equal("Test");
        second.Output.Should().Contain("Skipping Restore (succeeded in the previous attempt)");
    }

    [Fact]
    public void A_run_killed_half_way_leaves_continue_no_earlier_success_to_skip()
    {
        _fixture.Run("Test").ExitCode.Should().Be(0);
        var log = Path.Combine(_fixture.Root, ".nuke", "temp", "build-attempt.log");
        string[]? seen = null;

        // The same invocation again: had it been killed during Compile, what would --continue find?
        _fixture.Run(new SampleBuild { WhileRunning = name => { if (name == "Compile") seen = File.ReadAllLines(log); } },
            ["Test"], defaults: x => x.Test);

        seen.Should().NotBeNull();
        seen!.Skip(1).Should().BeEmpty("this attempt has succeeded in nothing yet, whatever the last one did");
    }

    [Fact]
    public void Continue_keeps_what_it_skipped_as_succeeded_while_it_runs()
    {
        _fixture.Run(["Test"], new Dictionary<string, string?> { ["FAIL_IN"] = "Test" });
        var log = Path.Combine(_fixture.Root, ".nuke", "temp", "build-attempt.log");
        string[]? seen = null;

        _fixture.Run(new SampleBuild { WhileRunning = name => { if (name == "Test") seen = File.ReadAllLines(log); } },
            ["Test", "--continue"], defaults: x => x.Test);

        seen!.Skip(1).Should().Equal("Restore", "Compile");
    }

    [Fact]
    public void Continue_runs_everything_when_the_invocation_differs()
    {
        _fixture.Run(["Test"], new Dictionary<string, string?> { ["FAIL_IN"] = "Test" });

        _fixture.Run("Compile", "--continue").Build.Ran.Should().Equal("Restore", "Compile");
        _fixture.Run("Test").Build.Ran.Should().Equal("Restore", "Compile", "Test");
    }

    [Fact]
    public void An_exception_from_OnBuildCreated_is_shown_as_its_message_and_exits_1()
    {
        var result = _fixture.Run(new BrokenSpecBuild(), ["Restore"]);

        result.ExitCode.Should().Be(1);
        result.Output.Should().Contain("images/spec.yml:3:5: error: unknown parent 'bse'")
            .And.Contain("images/spec.yml:9:1: error: cycle");
        result.Output.Should().NotContain("   at ");
        result.Build.Ran.Should().BeEmpty();
    }

    [Fact]
    public void A_cycle_among_targets_is_named()
    {
        var result = _fixture.Run(new CyclicBuild(), ["A"]);

        result.ExitCode.Should().Be(1);
        result.Output.Should().Contain("cycle").And.MatchRegex("(A -> C -> B -> A|C -> B -> A -> C|B -> A -> C -> B)");
    }

    [Fact]
    public void Secret_values_never_reach_the_output()
    {
        const string secret = "s3cr3t-t0ken-value";

        var result = _fixture.Run("Publish", "--token", secret, "--verbosity", "verbose");

        result.Build.Ran.Should().Contain("Publish", "the target did write and throw the secret");
        result.Output.Should().NotContain(secret);
        result.Output.Should().Contain("logging in with ***").And.Contain("registry refused token ***").And.Contain("--token = ***");
    }

    [Fact]
    public void On_GitHub_Actions_a_failure_is_annotated()
    {
        var result = _fixture.Run(["Test", "--fail-in", "Compile"], new Dictionary<string, string?> { ["GITHUB_ACTIONS"] = "true" });

        result.Output.Should().Contain("Target Compile failed: Compile broke");
        result.Output.Should().Contain("::error title=Target Compile failed::Compile broke");
    }

    [Fact]
    public void On_GitHub_Actions_groups_are_never_nested()
    {
        // GitHub does not nest ::group::s: a target that folds its own output (the pipeline folds each image's
        // log) must not find itself inside a group the engine opened around the target.
        var result = _fixture.Run(new GroupingBuild(), ["Fold"], new Dictionary<string, string?> { ["GITHUB_ACTIONS"] = "true" });

        result.ExitCode.Should().Be(0, result.Output);
        var depth = 0;
        foreach (var line in result.Output.Split('\n'))
        {
            if (line.StartsWith("::group::", StringComparison.Ordinal)) depth++;
            if (line.StartsWith("::endgroup::", StringComparison.Ordinal)) depth--;
            depth.Should().BeInRange(0, 1, $"groups must open and close one at a time:\n{result.Output}");
        }
        result.Output.Should().Contain("::group::image a");
    }

    private sealed class GroupingBuild : NukeBuild
    {
        public Target Fold => _ => _.Executes(() =>
        {
            Out.WriteLine("::group::image a");
            Out.WriteLine("its log");
            Out.WriteLine("::endgroup::");
        });
    }

    [Fact]
    public void Two_targets_with_one_name_are_an_error()
    {
        var result = _fixture.Run(["Restore", "--extra", "a", "a"], new Dictionary<string, string?>());

        result.ExitCode.Should().Be(1);
        result.Output.Should().Contain("Two targets are named 'Image-a'");
    }

    private sealed class BrokenSpecBuild : NukeBuild
    {
        public List<string> Ran { get; } = [];
        public Target Restore => _ => _.Executes(() => Ran.Add("Restore"));

        protected override void OnBuildCreated() =>
            throw new InvalidOperationException(
                "images/spec.yml:3:5: error: unknown parent 'bse'" + Environment.NewLine + "images/spec.yml:9:1: error: cycle");
    }

    private sealed class CyclicBuild : NukeBuild
    {
        public Target A => _ => _.DependsOn(B);
        public Target B => _ => _.DependsOn(C);
        public Target C => _ => _.After(A);
    }
}
