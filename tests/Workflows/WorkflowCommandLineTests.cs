using System.Text.Json;
using System.Text.RegularExpressions;
using Cascade.Engine.Internal;
using Cascade.Stacks;
using Cascade.Tests.Support;
using Cascade.Workflows;

namespace Cascade.Tests.Workflows;

/// <summary>
/// The workflow generator writes `./build.sh` command lines as text; every target, flag and parameter variable in
/// them must be one the build has. Checked against .nuke/build.schema.json (written from the build's own targets and
/// parameters, and itself checked), so a renamed target or parameter fails here, not on a runner.
/// </summary>
public partial class WorkflowCommandLineTests
{
    [Fact]
    public void Every_target_flag_and_parameter_variable_the_workflows_name_is_the_builds()
    {
        var (targets, parameters) = Schema();
        var texts = Generated().Select(f => (f.Path, f.Text)).ToList();
        texts.Should().Contain(t => t.Text.Contains("./build.sh PushIndex"), "the index workflow is among those checked");
        texts.SelectMany(t => Flags(t.Text)).Should().Contain(["--no-descendants", "--dry-run", "--plan-file"], "flags in bash arrays are read too");
        texts.SelectMany(t => ParameterVariables(t.Text)).Should().Contain("NO_REUSE");

        foreach (var (path, text) in texts)
        {
            foreach (var target in Targets(text))
                targets.Should().Contain(target, $"{path} runs ./build.sh {target}");
            foreach (var flag in Flags(text))
                parameters.Select(p => "--" + Naming.ToKebabCase(p)).Should().Contain(flag, $"{path} passes {flag}");
            foreach (var variable in ParameterVariables(text))
                parameters.Select(Naming.ToUpperSnakeCase).Should().Contain(variable, $"{path} sets {variable} for ./build.sh to read");
        }
    }

    [Fact]
    public void The_check_finds_a_misspelt_target_flag_or_variable()
    {
        const string text = "    env:\n      NO_REUSES: true\n      CASCADE_STAGE: ${{ x == 'true' && 'Tset' || 'Push' }}\n    run: |\n      ./build.sh Pusj --imagez a\n";
        Targets(text).Should().Equal("Pusj", "Tset", "Push");
        Flags(text).Should().Equal("--imagez");
        ParameterVariables(text).Should().Equal("NO_REUSES");
    }

    private static IEnumerable<WorkflowFile> Generated()
    {
        var sample = SpecLoader.Load(RepositoryRoot.Combine("images"));
        using var platforms = new TempStack("registry: 127.0.0.1:5000\nplatforms: [linux/amd64, linux/arm64]\nimages:\n  base:\n").Plain("base");
        var loaded = platforms.Load();
        return
        [
            .. WorkflowGenerator.Generate(sample.Spec, sample.Graph, new WorkflowOptions("images", HasTestScript: true)),
            .. WorkflowGenerator.Generate(loaded.Spec, loaded.Graph, new WorkflowOptions("images")),
        ];
    }

    /// <summary>Each `./build.sh` line's leading words (a quoted variable's possible values are in its env line).</summary>
    private static IEnumerable<string> Targets(string text) =>
        BuildLine().Matches(text).SelectMany(m => m.Groups["rest"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .TakeWhile(w => TargetWord().IsMatch(w)))
            .Concat(StageChoice().Matches(text).SelectMany(m => m.Groups["target"].Captures.Select(c => c.Value)));

    /// <summary>Every --flag on a `./build.sh` line or in a bash array that one is given.</summary>
    private static IEnumerable<string> Flags(string text) =>
        BuildLine().Matches(text).Select(m => m.Groups["rest"].Value)
            .Concat(ArrayLine().Matches(text).Select(m => m.Value))
            .SelectMany(line => Flag().Matches(line).Select(m => m.Value));

    /// <summary>Env keys other than the workflows' own CASCADE_* values and GitHub's own names (GITHUB_TOKEN, read by Diff
    /// under the name every GitHub tool reads it by): parameters ./build.sh reads from the environment.</summary>
    private static IEnumerable<string> ParameterVariables(string text) =>
        EnvKey().Matches(text).Select(m => m.Groups["key"].Value)
            .Where(k => !k.StartsWith("CASCADE_", StringComparison.Ordinal) && !k.StartsWith("GITHUB_", StringComparison.Ordinal));

    private static (IReadOnlyList<string> Targets, IReadOnlyList<string> Parameters) Schema()
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(RepositoryRoot.Combine(".nuke", "build.schema.json")));
        var definitions = schema.RootElement.GetProperty("definitions");
        var targets = definitions.GetProperty("ExecutableTarget").GetProperty("enum").EnumerateArray().Select(e => e.GetString()!).ToList();
        var own = schema.RootElement.GetProperty("allOf")[0].GetProperty("properties").EnumerateObject().Select(p => p.Name);
        var engine = definitions.GetProperty("NukeBuild").GetProperty("properties").EnumerateObject().Select(p => p.Name);
        return (targets, [.. own, .. engine]);
    }

    [GeneratedRegex(@"\./build\.sh (?<rest>[^\n]*)")]
    private static partial Regex BuildLine();

    [GeneratedRegex(@"^[A-Z][A-Za-z0-9]*$")]
    private static partial Regex TargetWord();

    [GeneratedRegex(@"CASCADE_STAGE: [^\n]*&& '(?<target>[A-Za-z]+)' \|\| '(?<target>[A-Za-z]+)'")]
    private static partial Regex StageChoice();

    [GeneratedRegex(@"\b\w+\+?=\([^)\n]*\)")]
    private static partial Regex ArrayLine();

    [GeneratedRegex(@"(?<![\w-])--[a-z][a-z0-9-]*")]
    private static partial Regex Flag();

    [GeneratedRegex(@"^\s+(?<key>[A-Z][A-Z0-9_]+):", RegexOptions.Multiline)]
    private static partial Regex EnvKey();
}
