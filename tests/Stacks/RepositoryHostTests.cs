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
