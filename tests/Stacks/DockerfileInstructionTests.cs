using Cascade.Stacks.Dockerfiles;

namespace Cascade.Tests.Stacks;

/// <summary>Instructions Docker does not know are found at validation, at their line and column; every valid
/// form (directives, comments, continuations, heredocs, any case, ONBUILD) passes.</summary>
public class DockerfileInstructionTests
{
    private static readonly StackImageIndex Index = new([("base", "o/base"), ("app", "o/app")]);

    private static IReadOnlyList<string> Errors(string dockerfile) =>
        DockerfileCheck.Check(dockerfile, "Dockerfile", "app", ["base"], Index).Errors.Select(e => e.ToString()).ToList();

    [Theory]
    [InlineData("ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\nRUNN echo x\n", "Dockerfile:3:1: error: unknown instruction 'RUNN' (did you mean 'RUN'?)")]
    [InlineData("FROM o/base\n\n   copyy a /a\n", "Dockerfile:3:4: error: unknown instruction 'copyy' (did you mean 'COPY'?)")]
    [InlineData("FROM o/base\nRUN echo a \\\n  && echo b\nFORM x\n", "Dockerfile:4:1: error: unknown instruction 'FORM' (did you mean 'FROM'?)")]
    [InlineData("FROM o/base\nONBUILD RUNN make\n", "Dockerfile:2:9: error: unknown instruction 'RUNN' (did you mean 'RUN'?)")]
    [InlineData("FROM o/base\nONBUILD FROM x\n", "Dockerfile:2:9: error: ONBUILD FROM is not allowed")]
    [InlineData("# syntax=docker/dockerfile:1\n# only comments\n\n", "Dockerfile:1:1: error: the Dockerfile has no instructions")]
    [InlineData("FROM o/base\nINSTALL curl\n", "Dockerfile:2:1: error: unknown instruction 'INSTALL'; Docker knows ADD, ARG, CMD")]
    public void An_unknown_instruction_is_an_error_at_its_position(string dockerfile, string expected) =>
        Errors(dockerfile).Should().ContainSingle().Which.Should().StartWith(expected);

    [Fact]
    public void Every_instruction_and_form_of_a_datahub_style_Dockerfile_passes()
    {
        const string dockerfile = """
            # syntax=docker/dockerfile:1.4
            # check=skip=JSONArgsRecommended
            ARG BASE_TAG=latest
            FROM o/base:${BASE_TAG} AS build
            LABEL maintainer="UC San Diego ITS/ETS <ets-consult@ucsd.edu>"
            MAINTAINER someone
            USER root
            ENV PATH=/opt/conda/bin:$PATH \
                # a comment inside a continuation
                LANG=C.UTF-8

            SHELL ["/bin/bash", "-o", "pipefail", "-c"]
            WORKDIR /tmp
            run apt-get update && \
                apt-get install -y --no-install-recommends \
                    htop \

                    vim && \
                rm -rf /var/lib/apt/lists/*
            RUN <<EOF
            RUNN is only text inside a heredoc
            INSTALL this too
            EOF
            COPY --chown=1000:100 <<-END /etc/motd
            	FORM inside a tab-stripped heredoc
            	END
            ADD --chmod=755 https://example.org/tool /usr/local/bin/tool
            COPY --from=build /x /x
            EXPOSE 8888
            VOLUME ["/home/jovyan/work"]
            HEALTHCHECK --interval=30s CMD curl -f http://localhost:8888/ || exit 1
            ONBUILD RUN echo child
            STOPSIGNAL SIGTERM
            ENTRYPOINT ["tini", "-g", "--"]
            CMD ["start-notebook.sh"]
            USER ${NB_UID}
            """;
        Errors(dockerfile).Should().BeEmpty();
    }

    [Fact]
    public void The_escape_directive_changes_the_continuation_character()
    {
        Errors("# escape=`\nFROM o/base\nRUN echo a `\n  INSTALL b\n").Should().BeEmpty();
        Errors("FROM o/base\nRUN echo a `\nINSTALL b\n").Should().ContainSingle().Which.Should().StartWith("Dockerfile:3:1:");
    }
}
