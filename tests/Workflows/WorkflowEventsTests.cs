using Cascade.Stacks;
using Cascade.Tests.Support;
using Cascade.Workflows;
using YamlDotNet.RepresentationModel;

namespace Cascade.Tests.Workflows;

/// <summary>What each event does in the generated workflows, read as the YAML GitHub gets: which events run them,
/// what a pull request and a fork's pull request push, the two schedules, Cascade compiled once, the runner's disk.
/// The executor's runs (WorkflowRunTests) show the same end to end.</summary>
public class WorkflowEventsTests
{
    private static readonly SpecLoadResult Sample = SpecLoader.Load(RepositoryRoot.Combine("images"));

    private static IReadOnlyList<WorkflowFile> Generate(SpecLoadResult loaded) =>
        WorkflowGenerator.Generate(loaded.Spec, loaded.Graph, new WorkflowOptions("images", HasTestScript: true));

    private static SpecLoadResult With(Func<CiSettings, CiSettings> ci) => Sample with { Spec = Sample.Spec with { Ci = ci(Sample.Spec.Ci) } };

    private static YamlMappingNode Root(IEnumerable<WorkflowFile> files, string name)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(files.Single(f => f.Path.EndsWith("/" + name)).Text));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static YamlMappingNode Map(YamlNode node, string key) => (YamlMappingNode)((YamlMappingNode)node)[key];
    private static string Text(YamlNode node, string key) => ((YamlScalarNode)((YamlMappingNode)node)[key]).Value!;
    private static string? Maybe(YamlNode node, string key) =>
        ((YamlMappingNode)node).Children.TryGetValue(key, out var v) ? ((YamlScalarNode)v).Value : null;
    private static IEnumerable<string> Items(YamlNode node, string key) => ((YamlSequenceNode)((YamlMappingNode)node)[key]).Select(n => n.ToString());

    private static List<YamlMappingNode> Steps(YamlNode job) => ((YamlSequenceNode)((YamlMappingNode)job)["steps"]).Cast<YamlMappingNode>().ToList();
    private static List<YamlMappingNode> ImageSteps(IEnumerable<WorkflowFile> files) => Steps(Map(Map(Root(files, ImageWorkflow.FileName), "jobs"), "image"));
    private static YamlMappingNode Step(List<YamlMappingNode> steps, string nameStart) => steps.Single(s => Maybe(s, "name")?.StartsWith(nameStart) == true);

    [Fact]
    public void Pushes_run_on_the_default_branch_and_tags_and_other_branches_through_their_pull_requests()
    {
        var on = Map(Root(Generate(With(ci => ci with { DefaultBranch = "trunk" })), BuildTestPushWorkflow.FileName), "on");
        Items(on["push"], "branches").Should().Equal(["trunk"], "a branch with an open pull request runs once, for its pull request");
        Items(on["push"], "tags").Should().Equal("**");
        Map(on, "pull_request").Children.Should().BeEmpty("every pull request, whatever its base");
    }

    [Fact]
    public void The_daily_drift_check_reuses_and_the_weekly_refresh_builds_everything_again_each_on_its_own_cron()
    {
        var files = Generate(With(ci => ci with { Schedule = "0 5 * * *", RefreshSchedule = "30 6 * * 0" }));
        var crons = ((YamlSequenceNode)Map(Root(files, BuildTestPushWorkflow.FileName), "on")["schedule"]).Select(n => Text(n, "cron"));
        crons.Should().Equal("0 5 * * *", "30 6 * * 0");

        var env = Map(Map(Map(Root(files, ImageWorkflow.FileName), "jobs"), "image"), "env");
        const string refresh = "github.event_name == 'schedule' && github.event.schedule == '30 6 * * 0'";
        Text(env, "NO_REUSE").Should().Be($"${{{{ {refresh} || github.event.inputs.no-reuse == 'true' }}}}",
            "only the refresh's cron (or a dispatch asking for it) builds without reuse; the drift check reuses what exists");
        Text(env, "REFRESH_BASES").Should().Be($"${{{{ {refresh} }}}}", "the refresh pulls external bases again and builds without the layer cache");
        var plan = Step(Steps(Map(Map(Root(files, BuildTestPushWorkflow.FileName), "jobs"), "plan")), "Plan the affected images");
        Text(plan, "run").Should().Contain("schedule)\n    args+=(--all)\n" +
            "    if [[ \"$CASCADE_REFRESH\" != true ]]; then args+=(--leave-out-existing --registry \"$CASCADE_REGISTRY\"); fi ;;",
            "both schedules plan every image; the drift check leaves out those the registry has");
        Text(Map(plan, "env"), "CASCADE_REFRESH").Should().Be($"${{{{ {refresh} }}}}");
    }

    [Fact]
    public void The_drift_check_gives_the_images_found_in_the_registry_one_job_not_one_each()
    {
        var files = Generate(Sample);
        var jobs = Map(Root(files, BuildTestPushWorkflow.FileName), "jobs");
        var reused = Map(jobs, ReusedJob.Id);
        Text(reused, "if").Should().Be("${{ !cancelled() && needs.plan.result == 'success' && needs.plan.outputs.left_out != '' }}");
        Text(reused, "uses").Should().Be("./.github/workflows/" + ImageWorkflow.FileName);
        (Text(Map(reused, "with"), "image"), Text(Map(reused, "with"), "images")).Should().Be((ReusedJob.Name, "${{ needs.plan.outputs.left_out }}"));
        Items(jobs[WikiJob.Id], "needs").Should().Contain(ReusedJob.Id, "its images' rows are part of the run's entry");
        Text(Map(Map(jobs, PlanJob.Id), "outputs"), "left_out").Should().Be("${{ steps.plan.outputs.left_out }}");

        var build = Step(ImageSteps(files), "Build, test and push the image");
        Text(Map(build, "env"), "CASCADE_IMAGES").Should().Be("${{ inputs.images || inputs.image }}");
        Text(build, "run").Should().StartWith("read -ra images <<< \"$CASCADE_IMAGES\"\n").And.Contain("--images \"${images[@]}\" --no-descendants");
    }

    [Fact]
    public void The_first_push_a_force_push_and_a_tag_plan_every_image_and_nothing_compares_with_the_default_branch()
    {
        var script = Text(Step(Steps(Map(Map(Root(Generate(Sample), BuildTestPushWorkflow.FileName), "jobs"), "plan")), "Plan the affected images"), "run");
        script.Should().Contain("if [[ \"$GITHUB_REF\" == refs/tags/* ]]; then\n      args+=(--all)")
            .And.Contain("elif [[ \"$CASCADE_BEFORE\" =~ ^0+$ ]] || ! git cat-file -e \"$CASCADE_BEFORE^{commit}\" 2>/dev/null; then")
            .And.NotContain("merge-base", "on the default branch its merge base with itself is itself: that plans nothing");
    }

    [Fact]
    public void A_pull_request_pushes_fingerprint_tags_only_and_a_fork_s_logs_in_nowhere_and_only_tests()
    {
        var files = Generate(Sample);
        var env = Map(Map(Map(Root(files, ImageWorkflow.FileName), "jobs"), "image"), "env");
        Text(env, "FINGERPRINT_TAGS_ONLY").Should().Be("${{ github.event_name == 'pull_request' }}");
        Text(env, ForkHandOver.Variable).Should().Be(
            "${{ github.event_name == 'pull_request' && github.event.pull_request.head.repo.full_name != github.repository }}");

        var steps = ImageSteps(files);
        Text(Step(steps, "Log in to the registry"), "if").Should().Be("env.CASCADE_FORK != 'true'", "a fork has no secrets: no login at all");
        var build = Step(steps, "Build, test and push the image");
        Text(Map(build, "env"), "CASCADE_STAGE").Should().Be("${{ env.CASCADE_FORK == 'true' && 'Test' || 'Push' }}");
        Text(build, "run").Should().Contain("--results-file " + ForkHandOver.ResultsFile);
    }

    [Fact]
    public void A_fork_s_job_loads_the_parents_this_run_built_before_cascade_and_saves_its_image_after_it_for_its_children()
    {
        var steps = ImageSteps(Generate(Sample));
        var names = steps.Select(s => Maybe(s, "name") ?? "").ToList();
        var build = names.FindIndex(n => n.StartsWith("Build, test and push the image"));
        var fork = steps.Select((s, i) => (Step: s, Index: i)).Where(x => Maybe(x.Step, "if")?.StartsWith(ForkHandOver.IsFork) == true).ToList();
        fork.Select(x => Maybe(x.Step, "name")).Should().Equal(
            "Fork: read the run's plan", "Fork: which parents this run built, and whether a child needs this image",
            "Fork: fetch the parents' images this run built", "Fork: load them into the Docker daemon",
            "Fork: save the image for its children's jobs", "Fork: hand the image to its children's jobs");
        fork.Take(4).Should().OnlyContain(x => x.Index < build, "the parents are in the daemon before Cascade looks for them");
        fork.Skip(4).Should().OnlyContain(x => x.Index > build);

        Text(Map(fork[2].Step, "with"), "pattern").Should().Be("${{ steps.handover.outputs.pattern }}");
        Text(fork[3].Step, "run").Should().Contain("zstd -dc \"$archive\" | docker load").And.Contain("rm -f \"$archive\"", "each archive goes once loaded");
        Text(fork[4].Step, "if").Should().EndWith("steps.handover.outputs.children == 'true'", "a leaf saves nothing");
        Text(fork[4].Step, "run").Should().Contain("docker save \"$reference\" | zstd");
        var upload = Map(fork[5].Step, "with");
        (Text(upload, "name"), Text(upload, "compression-level"), Text(upload, "retention-days"))
            .Should().Be(("${{ steps.handover.outputs.name }}", "0", "1"));
    }

    [Fact]
    public void Every_job_that_runs_cascade_restores_it_compiled_and_only_the_plan_job_restores_nuget_packages()
    {
        var files = Generate(Sample).Where(f => f.Path.EndsWith(".yml") && !f.Path.EndsWith(TestSuiteWorkflow.FileName)).ToList();
        var checkedJobs = new List<string>();
        foreach (var file in files)
            foreach (var (id, job) in Map(Root([file], file.Path[(file.Path.LastIndexOf('/') + 1)..]), "jobs").Children)
            {
                if (!((YamlMappingNode)job).Children.ContainsKey("steps")) continue;
                var steps = Steps(job);
                var firstRun = steps.FindIndex(s => Maybe(s, "run")?.Contains("./build.sh") == true);
                if (firstRun < 0) continue;
                checkedJobs.Add($"{file.Path}:{id}");
                var restore = steps.FindIndex(s => Maybe(s, "id") == CascadeProgram.StepId);
                restore.Should().BeInRange(0, firstRun - 1, $"{file.Path}: job {id} restores Cascade before running it");
                Maybe(steps[restore], "uses").Should().Be(PinnedActions.Cache.Uses);
                Text(Map(steps[restore], "with"), "key").Should().Be(CascadeProgram.Key);
                Text(Map(steps[restore], "with"), "path").Should().Be(".nuke/temp/program\n.nuke/temp/build.stamp\n");
                var stamp = steps.FindIndex(s => Maybe(s, "name")?.StartsWith("Start Cascade without compiling") == true);
                stamp.Should().BeInRange(restore + 1, firstRun - 1, $"{file.Path}: job {id}");
                Text(steps[stamp], "if").Should().EndWith("steps.program.outputs.cache-hit == 'true'");
                var nuget = steps.Any(s => Maybe(s, "uses") == PinnedActions.Cache.Uses && Maybe(s, "id") != CascadeProgram.StepId);
                nuget.Should().Be(id.ToString() == PlanJob.Id, $"{file.Path}: job {id}: NuGet only where Cascade is compiled first");
            }
        checkedJobs.Should().Contain([
            $".github/workflows/{BuildTestPushWorkflow.FileName}:{PlanJob.Id}", $".github/workflows/{ImageWorkflow.FileName}:image",
            $".github/workflows/{BuildTestPushWorkflow.FileName}:{WikiJob.Id}", $".github/workflows/{PromoteWorkflow.FileName}:promote"]);
    }

    [Fact]
    public void Free_disk_space_removes_the_hosted_runner_s_toolchains_first_and_never_on_a_self_hosted_runner()
    {
        ImageSteps(Generate(Sample)).Should().NotContain(s => Maybe(s, "name")!.StartsWith("Free disk space"), "off by default");

        var steps = ImageSteps(Generate(With(ci => ci with { FreeDiskSpace = true })));
        var free = steps[0];
        Text(free, "name").Should().StartWith("Free disk space");
        Text(free, "run").Should().StartWith("if [[ \"${RUNNER_ENVIRONMENT:-}\" != github-hosted ]]; then\n", "a self-hosted runner's toolchains are someone's machine")
            .And.Contain("sudo rm -rf /usr/local/lib/android /opt/ghc").And.NotContain("dotnet", ".NET runs Cascade");
    }

    [Fact]
    public async Task The_workflows_with_every_new_setting_lint_clean()
    {
        using var temp = new TempFolder("cascade-wf-");
        var folder = temp.Path;
        var files = Generate(With(ci => ci with { FreeDiskSpace = true, Schedule = "15 2 * * *", RefreshSchedule = "45 4 * * 6" }));
        // Every file (actionlint.yaml declares the GPU runner's label); the workflows are linted.
        var paths = files.Select(f =>
        {
            var path = Path.Combine(folder, f.Path);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, f.Text);
            return path;
        }).Where(p => p.EndsWith(".yml")).ToList();
        var (exit, output) = await WorkflowTools.LintAsync(paths);
        exit.Should().Be(0, output);
        output.Should().Contain($"{paths.Count} file(s), 0 problem(s)");
    }
}
