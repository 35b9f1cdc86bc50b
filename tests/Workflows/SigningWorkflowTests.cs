using System.Text.RegularExpressions;
using Cascade.Stacks;
using Cascade.Tests.Support;
using Cascade.Workflows;
using YamlDotNet.RepresentationModel;

namespace Cascade.Tests.Workflows;

/// <summary>ci.sign and ci.sbom in the generated workflows: one job of their own, the only one with id-token: write,
/// never on a pull request, actions pinned by SHA, and nothing at all when the keys are off. Read as the YAML GitHub gets.</summary>
public class SigningWorkflowTests
{
    private static string Spec(string ci, bool platforms = false) => $"""
        registry: 127.0.0.1:5000
        {(platforms ? "platforms: [linux/amd64, linux/arm64]" : "")}
        ci:
          timeout: 30m
        {ci}
        images:
          base:
          tool:
            depend_on: base
          leaf:
            depend_on: tool

        """;

    private static IReadOnlyList<WorkflowFile> Generate(string ci, bool platforms = false)
    {
        using var stack = new TempStack(Spec(ci, platforms)).Plain("base", "tool", "leaf");
        var loaded = stack.Load();
        return WorkflowGenerator.Generate(loaded.Spec, loaded.Graph, new WorkflowOptions("images"));
    }

    private static YamlMappingNode Root(WorkflowFile file)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(file.Text));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static YamlMappingNode Jobs(IEnumerable<WorkflowFile> files) =>
        (YamlMappingNode)Root(files.Single(f => f.Path.EndsWith("/" + BuildTestPushWorkflow.FileName)))["jobs"];

    private static YamlMappingNode Job(YamlMappingNode jobs, string id) => (YamlMappingNode)jobs[id];
    private static string Text(YamlNode node, string key) => ((YamlScalarNode)((YamlMappingNode)node)[key]).Value!;

    private static Dictionary<string, string> Permissions(YamlMappingNode job) =>
        ((YamlMappingNode)job["permissions"]).Children.ToDictionary(p => p.Key.ToString(), p => p.Value.ToString());

    private static List<string> StepTexts(YamlMappingNode job, string key) =>
        ((YamlSequenceNode)job["steps"]).Cast<YamlMappingNode>().Where(s => s.Children.ContainsKey(key)).Select(s => Text(s, key)).ToList();

    private const string Both = "  sign: true\n  sbom: true";

    [Fact]
    public void Off_the_workflows_are_exactly_as_without_the_keys()
    {
        var without = Generate("");
        Generate("  sign: false\n  sbom: false").Should().BeEquivalentTo(without, o => o.WithStrictOrdering());
        foreach (var file in without)
            file.Text.Should().NotContain("id-token").And.NotContain("cosign").And.NotContain("syft", file.Path);
        Jobs(without).Children.Keys.Select(k => k.ToString()).Should().NotContain(SigningJob.Id);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void On_only_the_signing_job_gets_an_oidc_token_and_it_needs_every_image_job_and_never_runs_on_a_pull_request(bool platforms)
    {
        var files = Generate(Both, platforms);
        var jobs = Jobs(files);
        var sign = Job(jobs, SigningJob.Id);

        Permissions(sign).Should().Equal(new Dictionary<string, string> { ["packages"] = "write", ["id-token"] = "write" });
        foreach (var file in files.Where(f => f.Path.EndsWith(".yml")))
        {
            var root = Root(file);
            ((YamlMappingNode)root["permissions"]).Children.Keys.Select(k => k.ToString()).Should().Equal(["contents"], file.Path);
            foreach (var (id, job) in (YamlMappingNode)root["jobs"])
                if (id.ToString() != SigningJob.Id && ((YamlMappingNode)job).Children.ContainsKey("permissions"))
                    Permissions((YamlMappingNode)job).Should().NotContainKey("id-token", $"{file.Path}: job {id} signs nothing");
        }
        var imageJobs = jobs.Children.Keys.Select(k => k.ToString()).Where(k => k is not (WikiJob.Id or SigningJob.Id or DiffJob.Id)).ToList();
        ((YamlSequenceNode)sign["needs"]).Select(n => n.ToString()).Should().Equal(imageJobs, "the plan, every image (and platform) job and the reused job");
        Text(sign, "if").Should().Contain("github.event_name != 'pull_request'").And.Contain("!cancelled()");
        sign.Children.Should().NotContainKey("uses", "steps of its own: a called workflow's permissions would be the caller's, on every event");
        StepTexts(sign, "run").Should().NotContain(r => r.Contains("./build.sh") || r.Contains("${{"), "no repository code, no expression in a script");
        StepTexts(sign, "uses").Should().NotContain(u => u.StartsWith(PinnedActions.Checkout.Repository), "it checks out nothing");
    }

    [Fact]
    public void The_image_workflows_are_the_same_with_signing_on()
    {
        var off = Generate("", platforms: true);
        var on = Generate(Both, platforms: true);
        foreach (var name in new[] { ImageWorkflow.FileName, IndexWorkflow.FileName, PromoteWorkflow.FileName })
            on.Single(f => f.Path.EndsWith(name)).Text.Should().Be(off.Single(f => f.Path.EndsWith(name)).Text, name);
    }

    [Fact]
    public void Signs_and_attests_by_digest_with_actions_pinned_by_sha()
    {
        var sign = Job(Jobs(Generate(Both)), SigningJob.Id);
        var text = string.Join("\n", StepTexts(sign, "run"));
        text.Should().Contain("cosign sign --yes --recursive \"$image\"")
            .And.Contain("cosign attest --yes --type spdxjson --predicate")
            .And.Contain("\"$SYFT\" scan \"registry:$image\"")
            .And.Contain("@\\(.digest)", "repository@digest, from each push's ledger entry");
        StepTexts(sign, "uses").Should().Contain([PinnedActions.CosignInstaller.Uses, PinnedActions.DownloadSyft.Uses, PinnedActions.DownloadArtifact.Uses]);
        var workflow = Generate(Both).Single(f => f.Path.EndsWith(BuildTestPushWorkflow.FileName)).Text;
        foreach (Match m in Regex.Matches(workflow, @"uses: ([^.]\S+)(.*)"))
        {
            m.Groups[1].Value.Should().MatchRegex("^[a-z-]+/[a-z-]+(/[a-z-]+)?@[0-9a-f]{40}$");
            m.Groups[2].Value.Should().MatchRegex(@"^ # v\d+\.\d+\.\d+$");
        }
    }

    [Theory]
    [InlineData("  sign: true", true, false)]
    [InlineData("  sbom: true", false, true)]
    public void Each_key_adds_its_own_steps(string ci, bool signs, bool attests)
    {
        var sign = Job(Jobs(Generate(ci)), SigningJob.Id);
        var run = string.Join("\n", StepTexts(sign, "run"));
        run.Contains("cosign sign ").Should().Be(signs);
        run.Contains("cosign attest ").Should().Be(attests);
        StepTexts(sign, "uses").Contains(PinnedActions.DownloadSyft.Uses).Should().Be(attests);
    }

    [Theory]
    [InlineData("", false)]
    [InlineData("  layout: matrix", false)]
    [InlineData("", true)]
    public async Task On_the_workflows_lint_clean(string layout, bool platforms)
    {
        using var temp = new TempFolder("cascade-wf-");
        var paths = new List<string>();
        // Every file written (actionlint.yaml declares the GPU runner's labels), the workflows linted.
        foreach (var file in Generate(Both + (layout.Length > 0 ? "\n" + layout : ""), platforms))
        {
            var path = Path.Combine(temp.Path, file.Path);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, file.Text);
            if (path.EndsWith(".yml")) paths.Add(path);
        }
        var (exit, output) = await WorkflowTools.LintAsync(paths);
        exit.Should().Be(0, output);
        output.Should().Contain($"{paths.Count} file(s), 0 problem(s)");
    }
}
