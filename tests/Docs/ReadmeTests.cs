using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Cascade.Engine.Internal;
using Cascade.Tests.Support;

namespace Cascade.Tests.Docs;

/// <summary>README.md is a newcomer's page: short, every link holds, and every command it shows is a real target
/// or parameter; the output it shows for the sample stack is what the program prints.</summary>
public sealed partial class ReadmeTests
{
    private static readonly string Readme = File.ReadAllText(RepositoryRoot.Combine("README.md"));

    [Fact]
    public void Is_at_most_150_lines() =>
        Readme.TrimEnd('\n').Split('\n').Length.Should().BeLessThanOrEqualTo(150, "README.md is for a newcomer; the reference lives in docs/");

    [Fact]
    public void Every_relative_link_of_the_readme_and_the_docs_resolves()
    {
        var pages = Directory.GetFiles(RepositoryRoot.Combine("docs"), "*.md").Append(RepositoryRoot.Combine("README.md"));
        var broken = pages.SelectMany(page => MarkdownLinks.Targets(File.ReadAllText(page))
                .Where(target => !Regex.IsMatch(target, "^[a-z]+:"))
                .Where(target => !Resolves(page, target))
                .Select(target => $"{Path.GetRelativePath(RepositoryRoot.Path, page)}: {target}"))
            .ToList();
        broken.Should().BeEmpty("every relative link (and its #anchor) must name a file and a heading that exist");
    }

    [Fact]
    public void Every_build_command_it_shows_names_real_targets_and_parameters()
    {
        var commands = BuildCommands(Readme).ToList();
        commands.Should().Contain(c => c.StartsWith("Plan", StringComparison.Ordinal))
            .And.Contain(c => c.StartsWith("Graph", StringComparison.Ordinal))
            .And.Contain(c => c.StartsWith("Test", StringComparison.Ordinal))
            .And.Contain(c => c.StartsWith("GenerateWorkflows", StringComparison.Ordinal));
        var unknown = commands.SelectMany(c => UnknownWords(c).Select(w => $"./build.sh {c}: {w}")).ToList();
        unknown.Should().BeEmpty("README's commands must run as written");
    }

    [Fact]
    public void Gives_the_test_command_that_ci_runs()
    {
        Readme.Should().Contain("./tests/run.sh").And.Contain(".ci/run");
        File.ReadAllLines(RepositoryRoot.Combine(".ci", "run")).Where(l => !l.TrimStart().StartsWith('#') && l.Trim().Length > 0)
            .Last().Should().Be("exec ./tests/run.sh", ".ci/run runs the test command README.md gives");
    }

    [Fact]
    public async Task Shows_the_sample_stacks_plan_and_graph_as_the_program_prints_them()
    {
        using var root = new OwnStackRoot();
        var plan = await root.RunAsync("Plan", "--all");
        var graph = await root.RunAsync("Graph");

        plan.ExitCode.Should().Be(0, plan.ToString());
        graph.ExitCode.Should().Be(0, graph.ToString());
        // Fingerprints follow the sample's content; the tree around them is what README promises.
        Masked(Readme).Should().Contain("$ ./build.sh Plan --all\n" + Masked(plan.Stdout));
        Readme.Should().Contain("```mermaid\n" + graph.Stdout.TrimEnd('\n') + "\n```");
    }

    private static string Masked(string text) => HexPattern().Replace(text, "…");

    private static bool Resolves(string page, string target)
    {
        var (path, anchor) = target.Split('#', 2) is [var p, var a] ? (p, a) : (target, null);
        var file = path.Length == 0 ? page : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(page)!, path));
        if (!File.Exists(file) && !Directory.Exists(file)) return false;
        return anchor is null || (file.EndsWith(".md") && MarkdownLinks.Anchors(File.ReadAllText(file)).Contains(anchor));
    }

    /// <summary>The arguments of each `./build.sh …` the README shows: console lines and inline code, up to a pipe.</summary>
    private static IEnumerable<string> BuildCommands(string markdown) =>
        Regex.Matches(markdown, @"(?:^\$ |`)\./build\.sh ([^`|>\n]*)", RegexOptions.Multiline)
            .Select(m => m.Groups[1].Value.Trim());

    private static IEnumerable<string> UnknownWords(string command)
    {
        var parameters = ParameterMember.Discover(new Build()).ToDictionary(p => p.Option);
        var options = CommandLineParser.BuiltInNames.Select(n => "--" + n).ToHashSet();
        var targets = Targets();
        var words = command.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < words.Length; i++)
        {
            if (parameters.TryGetValue(words[i], out var parameter))
            {
                if (!parameter.IsSwitch) i += parameter.IsList ? words.Skip(i + 1).TakeWhile(w => !w.StartsWith("--")).Count() : 1;
            }
            else if (options.Contains(words[i])) continue;
            else if (words[i].StartsWith("--") || !targets.Contains(words[i])) yield return words[i];
        }
    }

    /// <summary>The targets of the repository's build, from the schema it writes (a test keeps that file current).</summary>
    private static HashSet<string> Targets() =>
        JsonNode.Parse(File.ReadAllText(RepositoryRoot.Combine(".nuke", "build.schema.json")))!["definitions"]!["ExecutableTarget"]!["enum"]!
            .AsArray().Select(t => t!.GetValue<string>()).ToHashSet();

    [GeneratedRegex("[0-9a-f]{16}")]
    private static partial Regex HexPattern();
}
