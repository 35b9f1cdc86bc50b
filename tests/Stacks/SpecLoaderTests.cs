using Cascade.Stacks;
using Cascade.Tests.Support;

namespace Cascade.Tests.Stacks;

public class SpecLoaderTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "fixtures", name);

    [Fact]
    public void Reads_the_datahub_spec_unchanged()
    {
        var result = SpecLoader.Load(Fixture("datahub"));
        var spec = result.Spec;

        result.Warnings.Should().BeEmpty();
        spec.Roots.Should().Equal("datascience-notebook");
        spec.TagPrefix.Should().Be("2023.4");
        spec.Images.Select(i => i.Name).Should().Equal("datascience-notebook", "rstudio-notebook", "scipy-ml-notebook");

        var ds = spec["datascience-notebook"];
        ds.Repository.Should().Be("ghcr.io/ucsd-ets/datascience-notebook");
        ds.BuildArgs.Should().BeEquivalentTo(new Dictionary<string, string> { ["PYTHON_VERSION"] = "python-3.11.8", ["PY_VER_SHORT"] = "3.11" });
        ds.InfoCmds.Should().Equal("PY_VER", "PIP_LIST", "CONDA_INFO", "CONDA_LIST", "APT_PKG_LIST");
        ds.DependOn.Should().BeEmpty();
        ds.Location.Should().Be(new SourceLocation(DisplayPath.Of(Path.Combine(Fixture("datahub"), "spec.yml")), 3, 3));

        var rs = spec["rstudio-notebook"];
        rs.DependOn.Should().Equal("datascience-notebook");
        rs.Prune.Should().BeTrue();
        rs.IntegrationTests.Should().ContainSingle().Which.Should()
            .StartWith("pytest ").And.EndWith("rstudio-notebook/integration_tests");
        Path.GetFullPath(rs.IntegrationTests[0]["pytest ".Length..]).Should()
            .Be(Path.Combine(Fixture("datahub"), "rstudio-notebook", "integration_tests"));

        var scipy = spec["scipy-ml-notebook"];
        scipy.IntegrationTests.Should().BeEmpty();
        scipy.Prune.Should().BeFalse();
        scipy.Prepull.Should().BeTrue("the commented-out prepull: false is not read");

        spec.AllInfoCmds["PY_VER"].Should().Be(new InfoCommand("Python Version", "python --version"));
        result.Graph.TopologicalOrder.Should().Equal("datascience-notebook", "rstudio-notebook", "scipy-ml-notebook");
    }

    [Fact]
    public void Fills_defaults_for_an_image_given_by_name_only()
    {
        using var stack = new TempStack("images:\n  base:\n").Plain("base");
        var image = stack.Load().Spec["base"];

        image.Repository.Should().Be("base");
        image.Context.Should().Be("base");
        image.Dockerfile.Should().Be("Dockerfile");
        image.Prepull.Should().BeTrue();
        image.Prune.Should().BeFalse();
        image.InheritTests.Should().BeTrue();
        image.Timeout.Should().BeNull();
        image.IntegrationTests.Should().BeEmpty();
        image.Platforms.Should().BeEmpty();
        stack.Load().Spec.TagPrefix.Should().BeEmpty();
        stack.Load().Spec.Roots.Should().Equal("base");
    }

    [Fact]
    public void Reads_every_extension_key()
    {
        using var stack = new TempStack("""
            $schema: ./spec.schema.json
            registry: ghcr.io
            owner: my-org
            ignore: ["**/*.md"]
            rebuild_all_on: [tests_common/**]
            images:
              base:
                context: src/base
                dockerfile: docker/Base.Dockerfile
                platforms: [linux/amd64, linux/arm64]
                timeout: 1h30m
                watch: [scripts/**]
                tests: [tests_extra/base]
                inherit_tests: false
                prepull: false
                integration_tests: [pytest a, "bash b.sh"]
              tool:
                depend_on: [base]
                timeout: 90
                integration_tests: make test
            """)
            .Dockerfile("src/base", "FROM scratch\n", "docker/Base.Dockerfile")
            .Dockerfile("tool", "ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\n");
        var spec = stack.Load().Spec;

        spec.Registry.Should().Be("ghcr.io");
        spec.Owner.Should().Be("my-org");
        spec.Ignore.Should().Equal("**/*.md");
        spec.RebuildAllOn.Should().Equal("tests_common/**");
        var b = spec["base"];
        b.Repository.Should().Be("ghcr.io/my-org/base");
        b.Context.Should().Be("src/base");
        b.Dockerfile.Should().Be("docker/Base.Dockerfile");
        b.Platforms.Should().Equal(Platform.LinuxAmd64, Platform.LinuxArm64);
        b.Timeout.Should().Be(TimeSpan.FromMinutes(90));
        b.Watch.Should().Equal("scripts/**");
        b.Tests.Should().Equal("tests_extra/base");
        b.InheritTests.Should().BeFalse();
        b.Prepull.Should().BeFalse();
        b.IntegrationTests.Should().Equal("pytest a", "bash b.sh");
        spec["tool"].Timeout.Should().Be(TimeSpan.FromSeconds(90));
        spec["tool"].IntegrationTests.Should().Equal("make test");
        spec["tool"].Repository.Should().Be("ghcr.io/my-org/tool");
    }

    [Fact]
    public void Reads_a_list_depend_on_with_the_first_as_FROM_parent_and_the_others_as_extra_parents()
    {
        using var stack = new TempStack("""
            images:
              base:
              builder:
              app:
                depend_on: [base, builder]
            """)
            .Plain("base", "builder")
            .Dockerfile("app", """
                ARG BASE_IMAGE
                ARG BUILDER_IMAGE
                FROM ${BUILDER_IMAGE} AS build
                FROM ${BASE_IMAGE}
                COPY --from=build /out /app
                """);
        var result = stack.Load();

        result.Warnings.Should().BeEmpty();
        result.Spec["app"].DependOn.Should().Equal("base", "builder");
        result.Spec.Roots.Should().Equal("base", "builder");
        result.Graph.Parents("app").Should().Equal("base", "builder");
    }

    [Fact]
    public void Image_name_wins_over_registry_and_owner()
    {
        using var stack = new TempStack("""
            registry: ghcr.io
            owner: me
            images:
              a:
                image_name: docker.io/other/alpha
            """).Plain("a");
        stack.Load().Spec["a"].Repository.Should().Be("docker.io/other/alpha");
    }

    [Fact]
    public void Build_args_keep_scalars_as_written_and_merge_keys_share_settings()
    {
        // Anchors live inside known keys: the first image is the template of the second.
        using var stack = new TempStack("""
            images:
              a: &defaults
                prune: true
                build_args: { N: 3.10, FLAG: true, EMPTY: "" }
              b:
                <<: *defaults
                prune: false
            """);
        stack.Plain("a", "b");
        var spec = stack.Load().Spec;

        spec["a"].BuildArgs.Should().Equal(new Dictionary<string, string> { ["N"] = "3.10", ["FLAG"] = "true", ["EMPTY"] = "" });
        spec["a"].Prune.Should().BeTrue();
        spec["b"].Prune.Should().BeFalse("a key written out wins over a merged one");
        spec["b"].BuildArgs.Should().ContainKey("N");
    }

    [Fact]
    public void Missing_spec_file_is_a_diagnostic_not_a_crash()
    {
        var dir = Path.Combine(Path.GetTempPath(), "cascade-nospec-" + Guid.NewGuid().ToString("N")[..8]);
        var act = () => SpecLoader.Load(dir);
        act.Should().Throw<SpecException>().Which.Diagnostics.Should().ContainSingle()
            .Which.Message.Should().Contain("no spec.yml");
    }
}
