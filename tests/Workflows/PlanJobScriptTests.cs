using System.Text.Json.Nodes;
using Cascade.Tests.Cli;
using Cascade.Tests.Support;
using CliWrap;
using CliWrap.Buffered;
using YamlDotNet.RepresentationModel;

namespace Cascade.Tests.Workflows;

/// <summary>
/// The plan job's step as GitHub would run it — bash, the event's data in env: — taken from the generated
/// build-test-push.yml of a real git repository, with ./build.sh running this build. No Docker needed.
/// </summary>
public sealed class PlanJobScriptTests
{
    private const string StepName = "Plan the affected images";

    [Fact]
    public async Task A_dispatch_with_images_plans_exactly_those_and_their_descendants_not_the_last_commit_s_changes()
    {
        using var repo = DiamondPlanTests.CreateDiamond();
        repo.WriteExecutable("build.sh", "#!/bin/sh\nexec dotnet \"$CASCADE_DLL\" \"$@\" --root \"$PWD\"\n");
        var generated = await repo.RunAsync("GenerateWorkflows");
        generated.ExitCode.Should().Be(0, generated.ToString());
        repo.Commit("workflows");
        repo.Touch("images/b/Dockerfile").Commit("b changes");

        var (run, plan) = await RunPlanStepAsync(repo, new() { ["github.event_name"] = "workflow_dispatch", ["inputs.images"] = "c" });

        run.ExitCode.Should().Be(0, run.StandardOutput + run.StandardError);
        plan["order"]!.AsArray().Select(n => n!.GetValue<string>()).Should().Equal(["c", "d"], "b changed, but the dispatch named c");

        // Without inputs, a dispatch plans what the last commit changed.
        var (_, last) = await RunPlanStepAsync(repo, new() { ["github.event_name"] = "workflow_dispatch" });
        last["order"]!.AsArray().Select(n => n!.GetValue<string>()).Should().Equal(["b", "d"]);
    }

    [Fact]
    public async Task A_push_plans_what_it_brought_and_every_image_for_a_tag_or_with_nothing_to_compare_with()
    {
        using var repo = DiamondPlanTests.CreateDiamond();
        repo.WriteExecutable("build.sh", "#!/bin/sh\nexec dotnet \"$CASCADE_DLL\" \"$@\" --root \"$PWD\"\n");
        var generated = await repo.RunAsync("GenerateWorkflows");
        generated.ExitCode.Should().Be(0, generated.ToString());
        var before = repo.Commit("workflows");
        repo.Touch("images/b/Dockerfile").Commit("b changes");
        string[] every = ["a", "b", "c", "d"];
        async Task<IEnumerable<string>> Planned(string beforeSha, string gitRef = "refs/heads/main")
        {
            var (_, plan) = await RunPlanStepAsync(repo, new() { ["github.event_name"] = "push", ["github.event.before"] = beforeSha },
                new() { ["GITHUB_REF"] = gitRef, ["GITHUB_REF_NAME"] = gitRef.Split('/')[^1] });
            return plan["order"]!.AsArray().Select(n => n!.GetValue<string>());
        }

        (await Planned(before)).Should().Equal(["b", "d"], "a push plans what it brought");
        (await Planned(new string('0', 40))).Should().Equal(every,
            "the default branch's first push (a new repository): its merge base with itself is itself, so nothing to compare with");
        (await Planned(new string('e', 40))).Should().Equal(every, "a force push whose `before` git no longer has");
        (await Planned(new string('0', 40), "refs/tags/v1.0")).Should().Equal(every, "a tag: every image gets it");
    }

    /// <summary>Runs the step with its env: values filled from <paramref name="context"/> (empty when not given), and
    /// <paramref name="runner"/>'s variables as the runner sets them (GITHUB_REF).</summary>
    private static async Task<(BufferedCommandResult Run, JsonNode Plan)> RunPlanStepAsync(CliRepo repo, Dictionary<string, string> context,
        Dictionary<string, string>? runner = null)
    {
        var step = PlanStep(File.ReadAllText(repo.PathOf(".github/workflows/build-test-push.yml")));
        var script = repo.PathOf(".nuke/temp/plan-step.sh");
        Directory.CreateDirectory(Path.GetDirectoryName(script)!);
        File.WriteAllText(script, ((YamlScalarNode)step["run"]).Value);
        var env = CascadeProcess.UnsetVariables.ToDictionary(v => v, _ => (string?)null);
        foreach (var (name, value) in (YamlMappingNode)step["env"])
            env[((YamlScalarNode)name).Value!] = Expression(((YamlScalarNode)value).Value!, context);
        foreach (var (name, value) in runner ?? []) env[name] = value;
        env["CASCADE_DLL"] = CascadeProcess.DllPath;
        env["NO_COLOR"] = "1";
        var plan = repo.PathOf("artifacts/plan.json");
        if (File.Exists(plan)) File.Delete(plan);

        var run = await CliWrap.Cli.Wrap("bash").WithArguments(["--noprofile", "--norc", "-eo", "pipefail", script])
            .WithWorkingDirectory(repo.Root).WithEnvironmentVariables(env).WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync();
        run.ExitCode.Should().Be(0, run.StandardOutput + run.StandardError);
        return (run, JsonNode.Parse(File.ReadAllText(plan))!);
    }

    private static YamlMappingNode PlanStep(string workflow)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(workflow));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        var steps = (YamlSequenceNode)((YamlMappingNode)((YamlMappingNode)root["jobs"])["plan"])["steps"];
        return steps.Cast<YamlMappingNode>().Single(s => s.Children.TryGetValue("name", out var n) && ((YamlScalarNode)n).Value == StepName);
    }

    /// <summary>`${{ a.b }}` → the context's value, as GitHub substitutes it (empty when absent); other text as it is.</summary>
    private static string Expression(string value, Dictionary<string, string> context)
    {
        var match = System.Text.RegularExpressions.Regex.Match(value, @"^\$\{\{\s*(\S+)\s*\}\}$");
        return !match.Success ? value : context.GetValueOrDefault(match.Groups[1].Value, "");
    }
}
