using Cascade.Registry;

namespace Cascade.Tests.Registry;

public class ImageReferenceTests
{
    [Theory]
    [InlineData("busybox", "docker.io", "library/busybox", "latest", null, "docker.io/library/busybox:latest")]
    [InlineData("ucsdets/datahub-base:2024.1", "docker.io", "ucsdets/datahub-base", "2024.1", null, "docker.io/ucsdets/datahub-base:2024.1")]
    [InlineData("ghcr.io/org/stack/base:abc", "ghcr.io", "org/stack/base", "abc", null, "ghcr.io/org/stack/base:abc")]
    [InlineData("127.0.0.1:5000/x", "127.0.0.1:5000", "x", "latest", null, "127.0.0.1:5000/x:latest")]
    [InlineData("localhost/x:1", "localhost", "x", "1", null, "localhost/x:1")]
    [InlineData("index.docker.io/library/ubuntu:22.04", "docker.io", "library/ubuntu", "22.04", null, "docker.io/library/ubuntu:22.04")]
    [InlineData("reg:5000/a/b@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "reg:5000", "a/b", null,
        "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "reg:5000/a/b@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    public void Parses_with_docker_hub_defaults(string text, string registry, string repository, string? tag, string? digest, string canonical)
    {
        var reference = ImageReference.Parse(text);
        reference.Registry.Should().Be(registry);
        reference.Repository.Should().Be(repository);
        reference.Tag.Should().Be(tag);
        reference.Digest.Should().Be(digest);
        reference.ToString().Should().Be(canonical);
        ImageReference.Parse(reference.ToString()).Should().Be(reference);
    }

    [Theory]
    [InlineData("")]
    [InlineData("UPPER/case")]
    [InlineData("a:bad tag")]
    [InlineData("a@sha256:nothex")]
    public void Rejects_invalid_references_with_a_reason(string text)
    {
        var act = () => ImageReference.Parse(text);
        act.Should().Throw<FormatException>().Which.Message.Should().NotBeNullOrWhiteSpace();
    }

    [Fact]
    public void Loopback_registries_use_http_and_docker_hub_its_api_host()
    {
        ImageReference.Parse("127.0.0.1:5000/x").IsLoopback.Should().BeTrue();
        ImageReference.Parse("localhost:5000/x").IsLoopback.Should().BeTrue();
        ImageReference.Parse("ghcr.io/x/y").IsLoopback.Should().BeFalse();
        ImageReference.Parse("busybox").ApiHost.Should().Be("registry-1.docker.io");
    }
}
