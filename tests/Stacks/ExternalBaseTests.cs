using Cascade.Stacks.Dockerfiles;

namespace Cascade.Tests.Stacks;

/// <summary>Which FROM references are external bases, as a fingerprint asks the registry about them.</summary>
public class ExternalBaseTests
{
    private static readonly StackImageIndex Index = new([("base", "ghcr.io/o/base"), ("app", "ghcr.io/o/app")]);

    private static IReadOnlyList<string> External(string dockerfile, IReadOnlyDictionary<string, string>? buildArgs = null, params string[] parents) =>
        DockerfileCheck.Check(dockerfile, () => "Dockerfile", "app", parents, Index, buildArgs).ExternalBases;

    [Fact]
    public void Build_args_override_arg_defaults_as_docker_does()
    {
        External("ARG PY=3.10\nFROM quay.io/jupyter/scipy:python-${PY}\n", new Dictionary<string, string> { ["PY"] = "3.11" })
            .Should().Equal("quay.io/jupyter/scipy:python-3.11");
    }

    [Fact]
    public void Stack_images_stages_scratch_and_injected_parents_are_not_external()
    {
        External("""
            ARG BASE_IMAGE=ghcr.io/o/base:latest
            FROM ${BASE_IMAGE} AS first
            FROM scratch AS empty
            FROM first
            FROM ghcr.io/o/base:fp-1
            FROM debian:12 AS tools
            """, null, "base").Should().Equal("debian:12");
    }

    [Fact]
    public void A_reference_a_build_arg_we_cannot_see_leaves_open_is_not_claimed()
    {
        External("ARG TAG\nFROM quay.io/x/y:${TAG}\n").Should().BeEmpty();
    }
}
