using Cascade.Stacks;
using Cascade.Tests.Support;

namespace Cascade.Tests.Stacks;

/// <summary>Every validation error, with its exact FILE:LINE:COL.</summary>
public class SpecValidationTests
{
    private static SpecDiagnostic Single(TempStack stack) =>
        stack.Failures().Should().ContainSingle(d => d.Severity == Severity.Error).Which;

    [Fact]
    public void Yaml_syntax_error_is_reported_at_the_parser_position()
    {
        using var stack = new TempStack("images:\n  a:\n    depend_on: [b, c\n");
        stack.Failures().Should().ContainSingle().Which.ToString().Should()
            .Be($"{stack.SpecFile}:4:1: error: While parsing a flow sequence, did not find expected ',' or ']'.");
    }

    [Theory]
    [InlineData("images:\n\ta:\n", 2, 1, "found invalid tab as indentation")]
    [InlineData("images:\n  a:\n    depend_on: [b, c\n  b:\n", 3, 18, "an unclosed [ or {")] // YamlDotNet throws InvalidOperationException here
    [InlineData("images:\n  a: \"unclosed\n", 2, 6, "found unexpected end of stream")]
    [InlineData("images:\n  a: *nope\n", 2, 6, "alias *nope names no anchor")]
    [InlineData("images:\n  [a]: 1\n", 2, 3, "keys must be plain names")]
    public void Malformed_yaml_is_one_positioned_error_not_a_crash(string yaml, int line, int column, string message)
    {
        using var stack = new TempStack(yaml);
        var d = stack.Failures().Should().ContainSingle().Which;
        d.Location.Should().Be(new SourceLocation(stack.SpecFile, line, column));
        d.Message.Should().Contain(message);
    }

    [Theory]
    [InlineData("images:\n  a:\n    prunee: true\n", 3, 5, "unknown key 'prunee' in image 'a' (did you mean 'prune'?)")]
    [InlineData("images:\n  a:\n    depends_on: b\n", 3, 5, "unknown key 'depends_on' in image 'a' (did you mean 'depend_on'?)")]
    [InlineData("tags:\n  prefix: x\nimages:\n  a:\n", 1, 1, "unknown key 'tags' at the top level (did you mean 'tag'?)")]
    [InlineData("tag:\n  prefx: x\nimages:\n  a:\n", 2, 3, "unknown key 'prefx' in tag (did you mean 'prefix'?)")]
    [InlineData("images:\n  a:\n    colour: red\n", 3, 5, "unknown key 'colour' in image 'a'")]
    public void Unknown_keys_are_reported_with_did_you_mean(string yaml, int line, int column, string message)
    {
        using var stack = new TempStack(yaml).Plain("a");
        var d = Single(stack);
        d.Location.Should().Be(new SourceLocation(stack.SpecFile, line, column));
        d.Message.Should().Be(message);
    }

    [Theory]
    [InlineData("images:\n  a:\n    prune: \"yes please\"\n", 3, 12, "'prune' must be true or false, not a string \"yes please\"")]
    [InlineData("images:\n  a:\n    depend_on: {b: 1}\n", 3, 16, "'depend_on' must be an image name or a list of image names, not a mapping")]
    [InlineData("images:\n  a:\n    info_cmds: PY_VER\n", 3, 16, "'info_cmds' must be a list of strings, not a string \"PY_VER\"")]
    [InlineData("images:\n  a:\n    image_name: true\n", 3, 17, "'image_name' must be a string, not a boolean \"true\"")]
    [InlineData("images:\n  a:\n    build_args: [X]\n", 3, 17, "'build_args' must be a mapping of NAME: value, not a list")]
    [InlineData("images:\n  a:\n    watch: [ok, [nested]]\n", 3, 17, "an entry of 'watch' must be a string, not a list")]
    [InlineData("images:\n  a:\n    timeout: 30 minutes\n", 3, 14, "'timeout' value \"30 minutes\" is not a valid duration: " + Durations.Forms)]
    [InlineData("images:\n  a:\n    timeout: 0\n", 3, 14, "'timeout' value \"0\" is not a valid duration: " + Durations.Forms)]
    [InlineData("images:\n  a: [x]\n", 2, 6, "'images.a' must be a mapping, not a list")]
    [InlineData("images: [a]\n", 1, 9, "'images' must be a mapping, not a list")]
    public void Wrong_types_are_reported_at_the_value(string yaml, int line, int column, string message)
    {
        using var stack = new TempStack(yaml).Plain("a");
        var d = Single(stack);
        d.Location.Should().Be(new SourceLocation(stack.SpecFile, line, column));
        d.Message.Should().Be(message);
    }

    [Fact]
    public void Duplicate_keys_are_reported_at_the_second_one()
    {
        using var stack = new TempStack("images:\n  a:\n    prune: true\n    prune: false\n  b:\n  a:\n").Plain("a", "b");
        stack.ErrorTexts().Should().BeEquivalentTo(
            $"{stack.SpecFile}:4:5: error: key 'prune' is given twice in image 'a' (first at line 3)",
            $"{stack.SpecFile}:6:3: error: image 'a' is defined twice (first at line 2); image names must be unique");
    }

    [Fact]
    public void Unknown_parent_and_unknown_root_get_did_you_mean()
    {
        using var stack = new TempStack("root: [base, nope]\nimages:\n  base:\n  app:\n    depend_on: [bsae]\n").Plain("base", "app");
        stack.ErrorTexts().Should().BeEquivalentTo(
            $"{stack.SpecFile}:1:14: error: root names unknown image 'nope'",
            $"{stack.SpecFile}:5:17: error: image 'app' depends on unknown image 'bsae' (did you mean 'base'?)");
    }

    [Fact]
    public void An_unknown_parent_is_one_error_not_a_second_one_from_the_Dockerfile_that_uses_it()
    {
        using var stack = new TempStack("images:\n  base:\n  app:\n    depend_on: nope\n")
            .Plain("base").Dockerfile("app", "ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\n");
        stack.Failures().Select(d => d.ToString()).Should().Equal($"{stack.SpecFile}:4:16: error: image 'app' depends on unknown image 'nope'");
    }

    [Fact]
    public void A_cycle_is_named_in_depend_on_order()
    {
        using var stack = new TempStack("images:\n  a:\n    depend_on: b\n  b:\n    depend_on: a\n  c:\n    depend_on: c\n  d:\n    depend_on: a\n")
            .Plain("a", "b", "c", "d");
        stack.ErrorTexts().Should().BeEquivalentTo(
            $"{stack.SpecFile}:3:16: error: dependency cycle: a -> b -> a; an image cannot depend on itself, directly or through others",
            $"{stack.SpecFile}:7:16: error: dependency cycle: c -> c; an image cannot depend on itself, directly or through others");
    }

    [Fact]
    public void Missing_folder_and_missing_Dockerfile_are_reported()
    {
        using var stack = new TempStack("images:\n  a:\n  b:\n  c:\n    dockerfile: Other.Dockerfile\n  d:\n    context: nowhere\n");
        Directory.CreateDirectory(Path.Combine(stack.StackDir, "b"));
        Directory.CreateDirectory(Path.Combine(stack.StackDir, "c"));
        var errors = stack.ErrorTexts();
        errors.Should().HaveCount(4);
        errors[0].Should().StartWith($"{stack.SpecFile}:2:3: error: image 'a' has no build context folder");
        errors[1].Should().StartWith($"{stack.SpecFile}:3:3: error: Dockerfile {stack.DockerfileDisplay("b")} of image 'b' does not exist");
        errors[2].Should().StartWith($"{stack.SpecFile}:5:17: error: Dockerfile {stack.DockerfileDisplay("c", "Other.Dockerfile")} of image 'c' does not exist");
        errors[3].Should().StartWith($"{stack.SpecFile}:7:14: error: image 'd' has no build context folder");
    }

    [Theory]
    [InlineData("images:\n  Foo:\n", 2, 3, "image name 'Foo' is not valid")]
    [InlineData("images:\n  a--b_:\n", 2, 3, "image name 'a--b_' is not valid")]
    [InlineData("images:\n  a:\n    image_name: ghcr.io/UCSD/a\n", 3, 17, "repository \"ghcr.io/UCSD/a\" of image 'a' is not a valid Docker repository")]
    [InlineData("images:\n  a:\n    image_name: ghcr.io/ucsd/a:latest\n", 3, 17, "must not carry a tag or digest")]
    [InlineData("owner: Bad_\nimages:\n  a:\n", 1, 8, "owner \"Bad_\" is not valid")]
    [InlineData("registry: \"ghcr.io:port\"\nimages:\n  a:\n", 1, 11, "registry \"ghcr.io:port\" is not a valid registry host[:port]")]
    [InlineData("tag:\n  prefix: -2023\nimages:\n  a:\n", 2, 11, "tag.prefix \"-2023\" is not a valid Docker tag")]
    [InlineData("tag:\n  prefix: \"2023 4\"\nimages:\n  a:\n", 2, 11, "tag.prefix \"2023 4\" is not a valid Docker tag")]
    public void Names_Docker_would_refuse_are_reported(string yaml, int line, int column, string message)
    {
        using var stack = new TempStack(yaml).Plain("a", "Foo", "a--b_");
        var d = Single(stack);
        d.Location.Should().Be(new SourceLocation(stack.SpecFile, line, column));
        d.Message.Should().Contain(message);
    }

    [Fact]
    public void A_repository_longer_than_255_characters_is_refused()
    {
        var name = new string('a', 250);
        using var stack = new TempStack($"registry: ghcr.io\nimages:\n  {name}:\n").Plain(name);
        Single(stack).Message.Should().Contain("is 258 characters long; Docker allows at most 255");
    }

    [Fact]
    public void Two_images_with_one_repository_are_refused()
    {
        using var stack = new TempStack("images:\n  a:\n    image_name: ghcr.io/x/same\n  b:\n    image_name: ghcr.io/x/same\n").Plain("a", "b");
        Single(stack).ToString().Should().StartWith($"{stack.SpecFile}:5:17: error: image 'b' has the same repository \"ghcr.io/x/same\" as image 'a' (line 2)");
    }

    [Fact]
    public void Info_cmds_must_name_a_command_of_all_info_cmds()
    {
        using var stack = new TempStack("""
            images:
              a:
                info_cmds: [PY_VER, PIP_LSIT]
            all_info_cmds:
              PY_VER: {description: Python, command: python --version}
              PIP_LIST: {command: pip list}
              BROKEN: {description: no command}
            """).Plain("a");
        stack.ErrorTexts().Should().BeEquivalentTo(
            $"{stack.SpecFile}:3:25: error: info_cmds of 'a' names 'PIP_LSIT', which all_info_cmds does not define (did you mean 'PIP_LIST'?)",
            $"{stack.SpecFile}:7:3: error: all_info_cmds.BROKEN has no `command:`; give the shell command to run in the image");
    }

    [Fact]
    public void Empty_and_non_mapping_specs_are_reported()
    {
        using (var empty = new TempStack("# nothing\n"))
            Single(empty).ToString().Should().Be($"{empty.SpecFile}:1:1: error: spec.yml is empty; it needs at least an `images:` mapping");
        using (var list = new TempStack("- a\n"))
            Single(list).Message.Should().Contain("must be a mapping");
        using (var noImages = new TempStack("tag:\n  prefix: x\n"))
            Single(noImages).Message.Should().Contain("no `images:` mapping");
        using (var none = new TempStack("images: {}\n"))
            Single(none).ToString().Should().Be($"{none.SpecFile}:1:9: error: `images:` lists no images; add at least one");
    }

    [Fact]
    public void All_errors_are_reported_together_in_one_run()
    {
        using var stack = new TempStack("""
            root: datascience
            images:
              datascience-notebook:
                prune: maybe
                info_cmds: [NOPE]
                timeout: soon
              rstudio-notebook:
                depend_on: datascience-notebok
                colour: blue
              scipy:
                depend_on: scipy
              Bad:
            tag:
              prefix: "!"
            """)
            .Dockerfile("datascience-notebook", "FROM scratch\n")
            .Dockerfile("rstudio-notebook", "ARG TAG=latest\nFROM scipy:${TAG}\n")
            .Plain("scipy");

        var errors = stack.ErrorTexts();
        var f = stack.SpecFile;
        errors.Should().BeEquivalentTo(
            $"{f}:1:7: error: root names unknown image 'datascience' (did you mean 'datascience-notebook'?)",
            $"{f}:4:12: error: 'prune' must be true or false, not a string \"maybe\"",
            $"{f}:5:17: error: info_cmds of 'datascience-notebook' names 'NOPE', which all_info_cmds does not define",
            $"{f}:6:14: error: 'timeout' value \"soon\" is not a valid duration: {Durations.Forms}",
            $"{f}:8:16: error: image 'rstudio-notebook' depends on unknown image 'datascience-notebok' (did you mean 'datascience-notebook'?)",
            $"{f}:9:5: error: unknown key 'colour' in image 'rstudio-notebook'",
            $"{f}:11:16: error: dependency cycle: scipy -> scipy; an image cannot depend on itself, directly or through others",
            $"{f}:12:3: error: image name 'Bad' is not valid: Docker needs {DockerNames.PathComponentRule}",
            $"{f}:12:3: error: image 'Bad' has no build context folder {DisplayPath.Of(Path.Combine(stack.StackDir, "Bad"))}; create it (with a Dockerfile) or set `context:`",
            $"{f}:14:11: error: tag.prefix \"!\" is not a valid Docker tag: it must start with a letter, digit or '_', continue with letters, digits, '_', '.' or '-', and be at most 128 characters",
            $"{stack.DockerfileDisplay("rstudio-notebook")}:2:6: error: FROM names stack image 'scipy' (\"scipy:${{TAG}}\" is \"scipy:latest\"), but depend_on of 'rstudio-notebook' does not list it; add 'scipy' to depend_on in the spec so 'rstudio-notebook' is rebuilt when 'scipy' changes");
    }
}
