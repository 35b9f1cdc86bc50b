using Cascade.Stacks;
using Cascade.Stacks.Dockerfiles;
using Cascade.Tests.Support;

namespace Cascade.Tests.Stacks;

public class DockerfileCheckTests
{
    private static readonly StackImageIndex Index = new([
        ("datascience-notebook", "ghcr.io/ucsd-ets/datascience-notebook"),
        ("scipy-ml-notebook", "ghcr.io/ucsd-ets/scipy-ml-notebook"),
        ("builder", "ghcr.io/ucsd-ets/builder"),
        ("app", "ghcr.io/ucsd-ets/app"),
    ]);

    private static DockerfileFindings Check(string dockerfile, params string[] parents) =>
        DockerfileCheck.Check(dockerfile, "Dockerfile", "app", parents, Index);

    private static IEnumerable<string> Errors(DockerfileFindings f) => f.Errors.Select(e => e.ToString());

    [Fact]
    public void Parser_joins_continuations_drops_comments_and_keeps_positions()
    {
        var instructions = DockerfileParser.Parse(
            "# syntax=docker/dockerfile:1\n\nfrom \\\n  # a comment inside\n\n   ghcr.io/x/y:1 as base\nrun echo a \\  \n  && echo b\n");
        instructions.Select(i => i.Keyword).Should().Equal("FROM", "RUN");
        instructions[0].Line.Should().Be(3);
        instructions[0].Words().Select(w => w.Word).Should().Equal("ghcr.io/x/y:1", "as", "base");
        instructions[0].PositionOf(instructions[0].Words()[0].Offset).Should().Be((6, 4));
        instructions[1].Text.Should().Be("run echo a   && echo b");
    }

    [Fact]
    public void Parser_honours_the_escape_directive_and_skips_heredoc_bodies()
    {
        var instructions = DockerfileParser.Parse(
            "# escape=`\nFROM scratch\nRUN <<EOF\nFROM not-an-instruction\nEOF\nCOPY <<-END /x\n\tFROM neither\n\tEND\nRUN a `\n  b\n");
        instructions.Select(i => i.Keyword).Should().Equal("FROM", "RUN", "COPY", "RUN");
        instructions[3].Text.Should().Be("RUN a   b");
    }

    [Fact]
    public void Datahub_style_FROM_with_a_tag_arg_names_the_parent()
    {
        var f = Check("ARG BASE_TAG=latest\nFROM ghcr.io/ucsd-ets/datascience-notebook:${BASE_TAG}\n", "datascience-notebook");
        f.Errors.Should().BeEmpty();
        f.NamedParents.Should().BeEquivalentTo(["datascience-notebook"]);
    }

    [Theory]
    [InlineData("FROM datascience-notebook\n")]
    [InlineData("FROM ucsd-ets/datascience-notebook:2024.1\n")]
    [InlineData("FROM ghcr.io/ucsd-ets/datascience-notebook@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n")]
    [InlineData("ARG BASE_TAG\nFROM ghcr.io/ucsd-ets/datascience-notebook:$BASE_TAG\n")]
    [InlineData("ARG REPO=ghcr.io/ucsd-ets/datascience-notebook\nFROM --platform=$BUILDPLATFORM ${REPO}:x AS base\n")]
    [InlineData("ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\n")]
    [InlineData("ARG BASE_IMAGE\nFROM $BASE_IMAGE\n")]
    [InlineData("ARG BASE_IMAGE=quay.io/jupyter/base-notebook\nFROM ${BASE_IMAGE}\n")]
    [InlineData("ARG DATASCIENCE_NOTEBOOK_IMAGE\nFROM ${DATASCIENCE_NOTEBOOK_IMAGE}\n")]
    public void References_by_repository_name_tail_digest_or_injected_arg_name_the_parent(string dockerfile)
    {
        var f = Check(dockerfile, "datascience-notebook");
        f.Errors.Should().BeEmpty();
        f.NamedParents.Should().BeEquivalentTo(["datascience-notebook"]);
    }

    [Fact]
    public void FROM_of_a_stack_image_not_in_depend_on_is_an_error_at_the_reference()
    {
        var f = Check("ARG TAG=1\n\nFROM   ghcr.io/ucsd-ets/scipy-ml-notebook:${TAG}\n", "datascience-notebook");
        Errors(f).Should().ContainSingle().Which.Should().Be(
            "Dockerfile:3:8: error: FROM names stack image 'scipy-ml-notebook' (\"ghcr.io/ucsd-ets/scipy-ml-notebook:${TAG}\" is " +
            "\"ghcr.io/ucsd-ets/scipy-ml-notebook:1\"), but depend_on of 'app' does not list it; add 'scipy-ml-notebook' to " +
            "depend_on in the spec so 'app' is rebuilt when 'scipy-ml-notebook' changes");
        f.NamedParents.Should().BeEmpty();
    }

    [Fact]
    public void An_ARG_default_is_followed_to_the_image_it_names()
    {
        var f = Check("ARG BASE=ghcr.io/ucsd-ets/builder:3\nFROM $BASE\n", "datascience-notebook");
        Errors(f).Should().ContainSingle().Which.Should().StartWith("Dockerfile:2:6: error: FROM names stack image 'builder'");
    }

    [Fact]
    public void A_BASE_IMAGE_default_naming_a_non_parent_stack_image_is_an_error()
    {
        var f = Check("ARG BASE_IMAGE=ghcr.io/ucsd-ets/builder\nFROM ${BASE_IMAGE}\n", "datascience-notebook");
        f.NamedParents.Should().BeEquivalentTo(["datascience-notebook"], "Cascade injects BASE_IMAGE");
        Errors(f).Should().ContainSingle().Which.Should().StartWith("Dockerfile:2:6: error: FROM names stack image 'builder'");
    }

    [Fact]
    public void COPY_from_and_RUN_mount_from_name_extra_parents_and_stages_do_not_count()
    {
        var f = Check("""
            FROM ghcr.io/ucsd-ets/builder AS build
            FROM datascience-notebook
            COPY --from=build /a /a
            COPY --from=0 /b /b
            COPY --chown=1000 --from=scipy-ml-notebook /c /c
            RUN --mount=type=cache,target=/root/.cache --mount=type=bind,from=ghcr.io/ucsd-ets/scipy-ml-notebook:1,target=/m true
            copy --from=BUILD /d /d
            """, "datascience-notebook", "builder");
        f.NamedParents.Should().BeEquivalentTo(["datascience-notebook", "builder"]);
        Errors(f).Should().HaveCount(2);
        Errors(f).First().Should().StartWith("Dockerfile:5:26: error: COPY --from names stack image 'scipy-ml-notebook', but depend_on of 'app' does not list it");
        Errors(f).Last().Should().StartWith("Dockerfile:6:67: error: RUN --mount from names stack image 'scipy-ml-notebook'");
    }

    [Fact]
    public void A_variable_FROM_uses_without_a_global_ARG_is_an_error()
    {
        var f = Check("FROM ${BASE_IMAGE}\nARG LATE=x\nFROM ${LATE}\n", "datascience-notebook");
        Errors(f).Should().HaveCount(2).And.AllSatisfy(e => e.Should().Contain("but no `ARG"));
        Errors(f).First().Should().StartWith("Dockerfile:1:6: error: FROM uses ${BASE_IMAGE}, but no `ARG BASE_IMAGE` comes before the first FROM");
    }

    [Fact]
    public void BASE_IMAGE_without_parents_and_parent_args_of_non_parents_are_errors()
    {
        Errors(Check("ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\n")).Should().ContainSingle()
            .Which.Should().Contain("Cascade sets to the first depend_on parent, but 'app' has no depend_on");
        Errors(Check("ARG SCIPY_ML_NOTEBOOK_IMAGE\nFROM $SCIPY_ML_NOTEBOOK_IMAGE\n", "datascience-notebook")).Should().ContainSingle()
            .Which.Should().Contain("depend_on of 'app' does not list 'scipy-ml-notebook'");
    }

    [Fact]
    public void External_images_open_variables_and_self_references_are_handled()
    {
        Check("ARG R\nFROM quay.io/jupyter/datascience-notebook:2024\nFROM scratch\nFROM ${R}/x\n").Errors.Should().BeEmpty();
        Errors(Check("FROM ghcr.io/ucsd-ets/app:old\n")).Should().ContainSingle().Which.Should().Contain("names 'app' itself");
    }

    [Fact]
    public void A_tail_two_images_share_names_neither()
    {
        var index = new StackImageIndex([("a", "ghcr.io/one/tool"), ("b", "ghcr.io/two/tool")]);
        index.Find("tool").Should().BeNull();
        index.Find("one/tool").Should().Be("a");
        index.Find("ghcr.io/two/tool").Should().Be("b");
    }

    [Fact]
    public void A_parent_the_Dockerfile_never_names_is_a_warning_at_its_depend_on_entry()
    {
        using var stack = new TempStack("images:\n  base:\n  extra:\n  app:\n    depend_on: [base, extra]\n")
            .Plain("base", "extra")
            .Dockerfile("app", "FROM base\n");
        var warning = stack.Load().Warnings.Should().ContainSingle().Which;
        warning.ToString().Should().StartWith($"{stack.SpecFile}:5:23: warning: 'app' depends on 'extra', but its Dockerfile never names it");
        warning.Message.Should().Contain("${EXTRA_IMAGE}");
    }

    [Fact]
    public void Loader_reports_Dockerfile_errors_at_the_Dockerfile_position()
    {
        using var stack = new TempStack("images:\n  base:\n  other:\n  app:\n    depend_on: base\n")
            .Plain("base", "other")
            .Dockerfile("app", "ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\nCOPY \\\n    --from=other /x /x\n");
        stack.ErrorTexts().Should().ContainSingle().Which.Should()
            .StartWith($"{stack.DockerfileDisplay("app")}:4:12: error: COPY --from names stack image 'other'");
    }
}
