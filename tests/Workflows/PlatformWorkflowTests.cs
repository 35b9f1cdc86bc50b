using Cascade.Benchmarks;
using Cascade.Stacks;
using Cascade.Tests.Support;
using Cascade.Workflows;
using YamlDotNet.RepresentationModel;

namespace Cascade.Tests.Workflows;

/// <summary>The platform axis of the generated workflows: a job per platform on its runner, a merge job that
/// needs them all, descendants behind the merge job; read as the YAML GitHub gets.</summary>
public class PlatformWorkflowTests
{
    // base and tool for both platforms (the stack's default), solo for the daemon's platform only.
    private const string Spec = """
        registry: 127.0.0.1:5000
        platforms: [linux/amd64, linux/arm64]
        ci:
          runner: ubuntu-24.04
        images:
          base:
            timeout: 20m
          tool:
            depend_on: base
          solo:
            platforms: []
          leaf:
            depend_on: solo
            platforms: []

        """;

    private static TempStack Stack(string spec = Spec) => new TempStack(spec).Plain("base", "tool", "solo", "leaf");

    private static IReadOnlyList<WorkflowFile> Generate(TempStack stack)
    {
        var loaded = stack.Load();
        return WorkflowGenerator.Generate(loaded.Spec, loaded.Graph, new WorkflowOptions("images"));
    }

    private static YamlMappingNode Jobs(IEnumerable<WorkflowFile> files, string name = BuildTestPushWorkflow.FileName)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(files.Single(f => f.Path.EndsWith("/" + name)).Text));
        return (YamlMappingNode)((YamlMappingNode)stream.Documents[0].RootNode)["jobs"];
    }

    private static YamlMappingNode Job(YamlMappingNode jobs, string id) => (YamlMappingNode)jobs[id];
    private static string Text(YamlNode node, string key) => ((YamlScalarNode)((YamlMappingNode)node)[key]).Value!;
    private static string With(YamlMappingNode job, string key) => Text(job["with"], key);
    private static IEnumerable<string> Needs(YamlMappingNode job) => ((YamlSequenceNode)job["needs"]).Select(n => n.ToString());

    [Fact]
    public void Each_platform_gets_a_job_on_its_runner_and_the_merge_job_needs_them_all()
    {
        using var stack = Stack();
        var jobs = Jobs(Generate(stack));

        jobs.Children.Keys.Select(k => k.ToString()).Should().Equal("plan",
            "platform-base-linux-amd64", "platform-base-linux-arm64", "image-base",
            "platform-tool-linux-amd64", "platform-tool-linux-arm64", "image-tool", "image-solo", "image-leaf", ReusedJob.Id, WikiJob.Id, DiffJob.Id);
        var amd64 = Job(jobs, "platform-base-linux-amd64");
        var arm64 = Job(jobs, "platform-base-linux-arm64");
        (With(amd64, "platform"), With(amd64, "runs-on")).Should().Be(("linux/amd64", "[\"ubuntu-24.04\"]"), "linux/amd64 runs on ci.runner");
        (With(arm64, "platform"), With(arm64, "runs-on")).Should().Be(("linux/arm64", "[\"ubuntu-24.04-arm\"]"), "linux/arm64's default runner");
        With(arm64, "timeout-minutes").Should().Be("20", "each platform's job has the image's timeout");
        Text(arm64, "uses").Should().EndWith(ImageWorkflow.FileName);

        var merge = Job(jobs, "image-base");
        Needs(merge).Should().Equal("platform-base-linux-amd64", "platform-base-linux-arm64");
        Text(merge, "if").Should().Be("${{ !cancelled() && needs.platform-base-linux-amd64.result == 'success' " +
                                       "&& needs.platform-base-linux-arm64.result == 'success' }}");
        Text(merge, "uses").Should().EndWith(IndexWorkflow.FileName);
        With(merge, "image").Should().Be("base");
    }

    [Fact]
    public void Descendants_need_the_merge_job_and_images_without_platforms_keep_their_one_job()
    {
        using var stack = Stack();
        var jobs = Jobs(Generate(stack));

        foreach (var id in new[] { "platform-tool-linux-amd64", "platform-tool-linux-arm64" })
        {
            Needs(Job(jobs, id)).Should().Equal("plan", "image-base");
            Text(Job(jobs, id), "if").Should().Contain("(needs.image-base.result == 'success' || !contains(fromJSON(needs.plan.outputs.images), 'base'))");
        }
        var solo = Job(jobs, "image-solo");
        ((YamlMappingNode)solo["with"]).Children.Keys.Select(k => k.ToString()).Should().Equal("image");
        Text(solo, "uses").Should().EndWith(ImageWorkflow.FileName, "an image without platforms runs on the default runner's job as before");
        Needs(Job(jobs, "image-leaf")).Should().Equal("plan", "image-solo");
    }

    [Fact]
    public void The_image_job_takes_its_platform_and_runner_and_the_index_job_does_nothing_on_a_pull_request()
    {
        using var stack = Stack();
        var files = Generate(stack);
        var image = Job(Jobs(files, ImageWorkflow.FileName), "image");
        Text(image, "runs-on").Should().Be("${{ fromJSON(inputs.runs-on) }}");
        Text(image["env"], "ONLY_PLATFORM").Should().Be("${{ inputs.platform }}", "read by ./build.sh as --platform");
        files.Single(f => f.Path.EndsWith(ImageWorkflow.FileName)).Text.Should().Contain("default: '[\"ubuntu-24.04\"]'");

        var steps = ((YamlSequenceNode)Job(Jobs(files, IndexWorkflow.FileName), "index")["steps"]).Cast<YamlMappingNode>().ToList();
        Text(steps[0], "if").Should().Be("github.event_name == 'pull_request'");
        steps.Skip(1).Should().OnlyContain(s => Text(s, "if").Contains("github.event_name != 'pull_request'"), "a pull request published no shared tag to merge");
        Text(steps[^2], "run").Should().StartWith("./build.sh PushIndex --stack \"$CASCADE_STACK\" --images \"$CASCADE_IMAGE\" --no-descendants");
        With(steps[^1], "name").Should().Be(WikiJob.EntryArtifact + "${{ inputs.image }}", "the image's Push entry goes to the wiki job from here");
    }

    [Fact]
    public void Platform_runners_of_the_ci_section_are_used()
    {
        using var stack = Stack(Spec.Replace("  runner: ubuntu-24.04\n", "  runner: ubuntu-24.04\n  platform_runners:\n    linux/aarch64: [self-hosted, arm64]\n"));
        With(Job(Jobs(Generate(stack)), "platform-tool-linux-arm64"), "runs-on").Should().Be("[\"self-hosted\",\"arm64\"]");
    }

    [Fact]
    public async Task A_multi_platform_stacks_workflows_lint_clean()
    {
        using var stack = Stack();
        using var temp = new TempFolder("cascade-wf-");
        var folder = temp.Path;
        var paths = Generate(stack).Select(f =>
        {
            var path = Path.Combine(folder, f.Path);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, f.Text);
            return path;
        }).Where(p => p.EndsWith(".yml")).ToList();
        paths.Should().Contain(p => p.EndsWith(IndexWorkflow.FileName));
        var (exit, output) = await WorkflowTools.LintAsync(paths);
        exit.Should().Be(0, output);
        output.Should().Contain($"{paths.Count} file(s), 0 problem(s)");
    }

    [Fact]
    public void The_matrix_layout_refuses_platforms_and_says_what_to_do()
    {
        using var stack = Stack(Spec.Replace("  runner: ubuntu-24.04\n", "  runner: ubuntu-24.04\n  layout: matrix\n"));
        var act = () => Generate(stack);
        act.Should().Throw<InvalidOperationException>().WithMessage(
            "ci.layout is matrix, and the matrix layout does not take images with platforms yet (base, tool). Set ci.layout: jobs (or auto) in *spec.yml*");
    }

    [Fact]
    public void The_size_that_chooses_the_layout_counts_the_platform_jobs()
    {
        using var temp = new TempFolder("cascade-wf-");
        var folder = temp.Path;
        // 1,000 images fit one job each; with two platforms each they are three jobs each, over the limit.
        var stack = new StackGenerator().Generate(Path.Combine(folder, "repo"), 1000, changedPathCount: 0);
        var specFile = Path.Combine(stack.StackDirectory, "spec.yml");
        File.WriteAllText(specFile, "platforms: [linux/amd64, linux/arm64]\n" + File.ReadAllText(specFile));
        var loaded = SpecLoader.Load(stack.StackDirectory);
        var act = () => WorkflowGenerator.BuildTestPush(loaded.Spec, loaded.Graph, new WorkflowOptions("images"));
        act.Should().Throw<InvalidOperationException>().WithMessage("build-test-push.yml would be * KB with one job per image and platform, over the 470 KB*");
    }

    [Fact]
    public void A_platform_without_a_runner_is_a_spec_error_naming_the_key()
    {
        using var stack = Stack("images:\n  base:\n    platforms: [linux/amd64, linux/ppc64le]\n  tool:\n  solo:\n  leaf:\n");
        stack.ErrorTexts().Should().Equal(
            $"{stack.SpecFile}:3:30: error: linux/ppc64le (platforms of 'base') has no runner for its CI jobs: ci.platform_runners does not list it, " +
            "and only linux/amd64 and linux/arm64 have defaults; add e.g. `linux/ppc64le: [self-hosted, ppc64le]` under ci.platform_runners");
    }
}
