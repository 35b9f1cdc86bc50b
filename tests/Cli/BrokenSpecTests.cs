using System.Text.RegularExpressions;

namespace Cascade.Tests.Cli;

/// <summary>
/// Broken stacks as a user would write them: every one must stop the program with a non-zero exit and
/// a `FILE:LINE:COL:` line pointing at the mistake, and never with a stack trace.
/// </summary>
public sealed class BrokenSpecTests
{
    /// <summary>Valid; each case replaces one line (or adds some) to break it. Line numbers matter below: owner is line 1, b line 7, timeout line 9, prefix line 11.</summary>
    private const string ValidSpec = """
        owner: cascade-cli
        images:
          a:
            build_args:
              LEVEL: "1"
            info_cmds: [PY_VER]
          b:
            depend_on: a
            timeout: 30m
        tag:
          prefix: "1.0"
        all_info_cmds:
          PY_VER:
            command: python --version
        """;

    private static CliRepo CreateRepo(string spec, Action<CliRepo>? more = null)
    {
        var repo = new CliRepo();
        repo.Write("images/a/Dockerfile", "FROM scratch\n")
            .Write("images/b/Dockerfile", "ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\n")
            .Write("images/spec.yml", spec);
        more?.Invoke(repo);
        repo.Commit("stack");
        repo.Touch("images/a/Dockerfile").Commit("change");
        return repo;
    }

    public static TheoryData<string, string, string, string, string> Cases => new()
    {
        // name, text replaced in the valid spec, replacement, expected "FILE:LINE:COL", a phrase of the message
        { "YAML syntax", "    depend_on: a", "    depend_on: [a", "images/spec.yml:8:16", "invalid YAML" },
        { "unknown key", "    timeout: 30m", "    timout: 30m", "images/spec.yml:9:5", "did you mean 'timeout'" },
        { "wrong type", "    timeout: 30m", "    prune: perhaps", "images/spec.yml:9:12", "prune" },
        { "duplicate image", "  b:\n", "  a:\n    prune: true\n  b:\n", "images/spec.yml:7:3", "image 'a' is defined twice (first at line 3)" },
        { "unknown parent", "depend_on: a", "depend_on: aa", "images/spec.yml:8:16", "did you mean 'a'" },
        { "cycle", "      LEVEL: \"1\"", "      LEVEL: \"1\"\n    depend_on: b", "images/spec.yml:6:16", "dependency cycle: a -> b -> a" },
        { "missing folder", "tag:", "  c:\n    depend_on: b\ntag:", "images/spec.yml:10:3", "'c'" },
        { "bad image name", "    timeout: 30m", "    image_name: Cascade/Bad_Name!", "images/spec.yml:9:17", "not a valid Docker repository" },
        { "bad tag prefix", "prefix: \"1.0\"", "prefix: \"1.0 beta\"", "images/spec.yml:11:11", "prefix" },
        { "unknown info_cmd", "info_cmds: [PY_VER]", "info_cmds: [PY_VERS]", "images/spec.yml:6:17", "did you mean 'PY_VER'" },
        { "bad timeout", "timeout: 30m", "timeout: soon", "images/spec.yml:9:14", "timeout" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_broken_spec_is_reported_at_its_line_without_a_stack_trace(string name, string find, string replace, string location, string phrase)
    {
        ValidSpec.Should().Contain(find, name);
        using var repo = CreateRepo(ValidSpec.Replace(find, replace));

        var run = await repo.RunAsync("Plan");

        ShouldPointAt(run, location, phrase);
    }

    [Fact]
    public async Task A_missing_Dockerfile_is_reported_at_the_spec_entry()
    {
        using var repo = CreateRepo(ValidSpec, r => File.Delete(r.PathOf("images/b/Dockerfile")));
        ShouldPointAt(await repo.RunAsync("Plan"), "images/spec.yml:7:3", "Dockerfile");
    }

    [Fact]
    public async Task A_FROM_naming_a_stack_image_not_in_depend_on_is_reported_in_the_Dockerfile()
    {
        using var repo = CreateRepo(ValidSpec.Replace("    depend_on: a\n", ""),
            r => r.Write("images/b/Dockerfile", "# b is built on a\nFROM cascade-cli/a:latest\n"));
        ShouldPointAt(await repo.RunAsync("Plan"), "images/b/Dockerfile:2:6", "depend_on");
    }

    [Fact]
    public async Task An_unknown_Dockerfile_instruction_stops_a_Build_at_its_line_before_anything_builds()
    {
        using var repo = CreateRepo(ValidSpec,
            r => r.Write("images/b/Dockerfile", "ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\nRUNN echo typo\n"));

        var run = await repo.RunAsync("Build", "--all");

        ShouldPointAt(run, "images/b/Dockerfile:3:1", "unknown instruction 'RUNN' (did you mean 'RUN'?)");
        run.Output.Should().NotContain("=== Build ===", "validation comes before any target");
        Directory.Exists(repo.PathOf("artifacts")).Should().BeFalse("nothing was built, so no build log was written");
    }

    [Fact]
    public async Task A_broken_change_ignore_json_is_reported_at_its_line()
    {
        using var repo = CreateRepo(ValidSpec, r => r.Write("images/change_ignore.json", "{\n  \"BuildAll\": [\"spec.yml\",,]\n}\n"));
        ShouldPointAt(await repo.RunAsync("Plan"), "images/change_ignore.json:2:27", "not valid JSON");
    }

    [Fact]
    public async Task Several_errors_are_reported_in_one_run()
    {
        var spec = ValidSpec.Replace("    timeout: 30m", "    timout: 30m").Replace("depend_on: a", "depend_on: aa")
            .Replace("prefix: \"1.0\"", "prefix: \"1.0 beta\"");
        using var repo = CreateRepo(spec);

        var run = await repo.RunAsync("Plan");

        ShouldPointAt(run, "images/spec.yml:9:5", "timout");
        ShouldPointAt(run, "images/spec.yml:8:16", "'aa'");
        ShouldPointAt(run, "images/spec.yml:11:11", "prefix");
    }

    [Theory]
    [InlineData(new[] { "Plna" }, "Did you mean 'Plan'?")]
    [InlineData(new[] { "Graph", "--fromat", "dot" }, "Did you mean '--format'")]
    [InlineData(new[] { "Plan", "--plan-fil", "x.json" }, "Did you mean '--plan-file'?")]
    [InlineData(new[] { "Graph", "--format", "svg" }, "svg")]
    [InlineData(new[] { "Plan", "--images", "c" }, "no image 'c'")]
    public async Task Unknown_targets_parameters_and_values_are_named_with_a_suggestion(string[] args, string phrase)
    {
        using var repo = CreateRepo(ValidSpec);

        var run = await repo.RunAsync(args);

        run.ExitCode.Should().NotBe(0, run.ToString());
        run.Output.Should().Contain(phrase, run.ToString());
        run.StackTraceLines.Should().BeEmpty(run.ToString());
    }

    /// <summary>Non-zero exit, a line starting "FILE:LINE:COL:" (paths relative to the root, as printed)
    /// that carries the phrase, and nothing that looks like an unhandled exception.</summary>
    private static void ShouldPointAt(Support.CascadeRun run, string location, string phrase)
    {
        run.ExitCode.Should().NotBe(0, run.ToString());
        var pattern = location.Count(c => c == ':') == 2 ? Regex.Escape(location) + ":" : Regex.Escape(location) + @"(\d+:)*\d+:";
        run.Output.Split('\n').Should().Contain(l => Regex.IsMatch(l, "^" + pattern) && l.Contains(phrase, StringComparison.Ordinal),
            $"a line starting {location} should name '{phrase}'\n{run}");
        run.StackTraceLines.Should().BeEmpty(run.ToString());
    }
}
