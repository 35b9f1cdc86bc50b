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

    /// <summary>Runs the step with its env: values filled from <paramref name="context"/> (empty when not given).</summary>
    private static async Task<(BufferedCommandResult Run, JsonNode Plan)> RunPlanStepAsync(CliRepo repo, Dictionary<string, string> context)
    {
        var step = PlanStep(File.ReadAllText(repo.PathOf(".github/workflows/build-test-push.yml")));
        var script = repo.PathOf(".nuke/temp/plan-step.sh");
        Directory.CreateDirectory(Path.GetDirectoryName(script)!);
        File.WriteAllText(script, ((YamlScalarNode)step["run"]).Value);
        var env = CascadeProcess.UnsetVariables.ToDictionary(v => v, _ => (string?)null);
        foreach (var (name, value) in (YamlMappingNode)step["env"])
            env[((YamlScalarNode)name).Value!] = Expression(((YamlScalarNode)value).Value!, context);
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
