using Cascade.Tests.Support;

namespace Cascade.Tests.Cli;

/// <summary>The command line as a new user meets it: stdout that pipes, exit codes as docs/04-testing-images.md says, a run
/// against another stack that leaves the repository clean, and git revisions taken at their word.</summary>
public sealed class CommandLineTests
{
    [Fact]
    public async Task Graph_stdout_is_the_graph_alone_and_the_rest_goes_to_stderr()
    {
        using var repo = DiamondPlanTests.CreateDiamond();

        var run = await repo.RunAsync("Graph", "--format", "dot");

        run.ExitCode.Should().Be(0, run.ToString());
        run.Stdout.Should().StartWith("digraph stack {").And.EndWith("}\n", run.ToString());
        run.Stdout.Should().NotContain("===").And.NotContain("Build succeeded");
        run.Stderr.Should().Contain("=== Graph ===").And.Contain("Build succeeded");
    }

    [Fact]
    public async Task Help_lists_the_targets_in_a_users_order_images_after_them_and_benchmarks_last()
    {
        using var repo = DiamondPlanTests.CreateDiamond();

        var run = await repo.RunAsync("--help");

        run.ExitCode.Should().Be(0, run.ToString());
        var section = run.Stdout[run.Stdout.IndexOf("Targets", StringComparison.Ordinal)..run.Stdout.IndexOf("Parameters:", StringComparison.Ordinal)];
        var targets = section.Split('\n').Where(l => l.StartsWith("  ", StringComparison.Ordinal) && l.Trim().Length > 0)
            .Select(l => l.Trim().Split(' ')[0]).ToList();
        targets.Should().Equal("Plan", "Build", "Test", "TestGpu", "Push", "Promote", "PushIndex", "Diff", "Graph", "Docs", "RecordEntries",
            "GenerateWorkflows", "CheckWorkflows", "PlanOutputs", "a", "b", "c", "d", "Benchmark", "BenchmarkPromotion", "BenchmarkPlatforms",
            "BenchmarkCacheSeed", "BenchmarkWorkflows");
    }

    [Fact]
    public async Task Plan_notes_go_to_stderr_and_stdout_is_the_tree_alone()
    {
        using var repo = new CliRepo();
        // A registry that refuses at once: the base enters the fingerprint by its text, and the plan notes it.
        repo.Write("images/spec.yml", "images:\n  app:\n").Write("images/app/Dockerfile", "FROM 127.0.0.1:1/nothing:1\n");
        repo.Commit("app");

        var run = await repo.RunAsync("Plan", "--all");

        run.ExitCode.Should().Be(0, run.ToString());
        run.Stdout.Should().Contain("app").And.NotContain("note:");
        run.Stderr.Should().Contain("note: base image 127.0.0.1:1/nothing:1");
    }

    [Fact]
    public async Task Plan_file_dash_writes_the_JSON_to_stdout_and_the_tree_to_stderr()
    {
        using var repo = DiamondPlanTests.CreateDiamond();
        repo.Touch("images/d/Dockerfile").Commit("leaf");

        var run = await repo.RunAsync("Plan", "--plan-file", "-");

        run.ExitCode.Should().Be(0, run.ToString());
        var plan = System.Text.Json.Nodes.JsonNode.Parse(run.Stdout)!;
        plan["order"]!.AsArray().Select(n => n!.GetValue<string>()).Should().Equal("d");
        run.Stderr.Should().Contain("changed images/d/Dockerfile");
    }

    [Fact]
    public async Task Images_naming_no_image_is_a_command_line_mistake()
    {
        using var repo = DiamondPlanTests.CreateDiamond();

        var run = await repo.RunAsync("Plan", "--images", "zz");

        run.ExitCode.Should().Be(2, run.ToString());
        run.Stderr.Should().Contain("--images: no image 'zz'").And.Contain("images are: a, b, c, d");
        run.StackTraceLines.Should().BeEmpty(run.ToString());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    public async Task Parallelism_below_one_is_a_command_line_mistake(string value)
    {
        using var repo = DiamondPlanTests.CreateDiamond();

        var run = await repo.RunAsync("Plan", "--parallelism", value);

        run.ExitCode.Should().Be(2, run.ToString());
        run.Stderr.Should().Contain($"--parallelism {value}").And.Contain("at least 1");
        run.Stderr.Should().NotContain("=== Plan ===", "nothing runs after a command-line mistake");
    }

    [Fact]
    public async Task Cache_from_words_stand_alone()
    {
        using var repo = DiamondPlanTests.CreateDiamond();

        var run = await repo.RunAsync("Plan", "--cache-from", "auto", "stable");

        run.ExitCode.Should().Be(2, run.ToString());
        run.Stderr.Should().Contain("--cache-from: 'auto' stands alone");
        run.Stderr.Should().NotContain("=== Plan ===", "nothing runs after a command-line mistake");
    }

    [Fact]
    public async Task A_run_against_another_stack_leaves_the_committed_schema_alone()
    {
        using var repo = DiamondPlanTests.CreateDiamond();
        repo.Write(".nuke/parameters.json", """{ "Stack": "images" }""").Write(".gitignore", ".nuke/temp/\n");
        (await repo.RunAsync("--shell-completion")).ExitCode.Should().Be(0);
        repo.Write("other/spec.yml", "images:\n  solo: {}\n").Write("other/solo/Dockerfile", "FROM scratch\n");
        repo.Commit("schema of the repository's own stack, and another stack");
        var schema = File.ReadAllText(repo.PathOf(".nuke/build.schema.json"));
        schema.Should().Contain("\"d\"").And.NotContain("\"solo\"");

        var plan = await repo.RunAsync("Plan", "--stack", "other", "--all");
        var completion = await repo.RunAsync("--shell-completion", "--stack", "other");

        plan.ExitCode.Should().Be(0, plan.ToString());
        completion.ExitCode.Should().Be(0, completion.ToString());
        completion.Stderr.Should().Contain("was not written: --stack differs");
        File.ReadAllText(repo.PathOf(".nuke/build.schema.json")).Should().Be(schema);
        repo.Git.Git("status", "--porcelain").Should().BeEmpty("a run against another stack must leave the repository clean");
    }

    [Fact]
    public async Task A_head_ref_whose_spec_differs_from_the_working_tree_is_refused()
    {
        using var repo = DiamondPlanTests.CreateDiamond();
        repo.Edit("images/spec.yml", "LEVEL: \"1\"", "LEVEL: \"2\"").Commit("spec change");
        repo.Touch("images/d/Dockerfile").Commit("leaf");

        var earlier = await repo.RunAsync("Plan", "--head-ref", "HEAD~2");
        var same = await repo.RunAsync("Plan", "--head-ref", "HEAD~1", "--base-ref", "HEAD~2");

        earlier.ExitCode.Should().NotBe(0, earlier.ToString());
        earlier.Stderr.Should().Contain("--head-ref HEAD~2 is not the checked-out commit")
            .And.Contain("images/spec.yml differs").And.Contain("git checkout HEAD~2");
        same.ExitCode.Should().Be(0, "spec.yml is the same at HEAD~1 as in the working tree:\n" + same);
        same.Stdout.Should().Contain("spec entry changed");
    }

    [Fact]
    public async Task A_shallow_clone_says_the_history_is_cut_and_what_to_do()
    {
        using var origin = DiamondPlanTests.CreateDiamond();
        origin.Touch("images/d/Dockerfile").Commit("leaf");
        using var clone = new GitSandbox(init: false);
        clone.Git("clone", "-q", "--depth", "1", "file://" + origin.Root, clone.Root);
        Directory.CreateDirectory(clone.PathOf(".nuke"));

        var run = await CascadeProcess.RunAsync(clone.Root, "Plan");

        run.ExitCode.Should().NotBe(0, run.ToString());
        run.Stderr.Should().Contain("shallow").And.Contain("fetch-depth: 0").And.Contain("--base-ref");
        run.Output.Should().NotContain("first commit").And.NotContain("changed images/a/Dockerfile");
        run.StackTraceLines.Should().BeEmpty(run.ToString());
    }
}
