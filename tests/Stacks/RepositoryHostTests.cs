using Cascade.Stacks;

namespace Cascade.Tests.Stacks;

public class RepositoryHostTests
{
    [Theory]
    [InlineData("ghcr.io/ucsd-ets/datascience-notebook", "ghcr.io")]
    [InlineData("127.0.0.1:5000/owner/x", "127.0.0.1:5000")]
    [InlineData("localhost/x", "localhost")]
    [InlineData("[::1]:5000/x", "[::1]:5000")]
    [InlineData("ucsd-ets/datascience-notebook", null)]
    [InlineData("datascience-notebook", null)]
    public void The_first_component_is_a_host_only_when_it_looks_like_one(string repository, string? host)
    {
        RepositoryHost.Of(repository).Should().Be(host);
        RegistryOverride.WithoutHost(repository).Should().Be(host is null ? repository : repository[(host.Length + 1)..]);
    }
}

public class ReferencePartsTests
{
    [Theory]
    [InlineData("busybox", "busybox", null, null)]
    [InlineData("ghcr.io/o/x:2024.1", "ghcr.io/o/x", "2024.1", null)]
    [InlineData("127.0.0.1:5000/x", "127.0.0.1:5000/x", null, null)]
    [InlineData("127.0.0.1:5000/x:sha-1a2b3c4", "127.0.0.1:5000/x", "sha-1a2b3c4", null)]
    [InlineData("ghcr.io/o/x:1@sha256:abc", "ghcr.io/o/x", "1", "sha256:abc")]
    [InlineData("x@sha256:abc", "x", null, "sha256:abc")]
    [InlineData("ghcr.io/o/x:${BASE_TAG}", "ghcr.io/o/x", "${BASE_TAG}", null)]
    public void A_reference_splits_into_name_tag_and_digest(string reference, string name, string? tag, string? digest) =>
        Cascade.Stacks.ReferenceParts.Split(reference).Should().Be(new Cascade.Stacks.ReferenceParts(name, tag, digest));

    [Fact]
    public void Every_splitter_agrees_because_they_share_one_rule()
    {
        const string reference = "localhost:5000/team/img:2024.4-main@sha256:" + "0123456789abcdef0123456789abcdef";
        var registry = Cascade.Registry.ImageReference.Parse(reference);
        Cascade.Docker.DockerEngine.SplitTag(reference).Should().Be(("localhost:5000/team/img", "2024.4-main"));
        new Cascade.Pipeline.ParentImage("img", reference, null).Tag.Should().Be("2024.4-main");
        (registry.Registry, registry.Repository, registry.Tag).Should().Be(("localhost:5000", "team/img", "2024.4-main"));
    }
}
