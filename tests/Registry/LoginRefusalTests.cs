using Cascade.Docker;

namespace Cascade.Tests.Registry;

/// <summary>The daemon's words for a refused login, and the registry a repository name points at.</summary>
public sealed class LoginRefusalTests
{
    [Theory]
    [InlineData("unauthorized: authentication required", true)]
    [InlineData("no basic auth credentials", true)]
    [InlineData("unauthorized: incorrect username or password", true)]
    [InlineData("denied: requested access to the resource is denied", false)]
    [InlineData("received unexpected HTTP status: 503 Service Unavailable", false)]
    public void Recognises_refused_logins_only(string daemonMessage, bool refused) =>
        LoginRefusal.Matches(daemonMessage).Should().Be(refused);

    [Theory]
    [InlineData("127.0.0.1:5000/team/app", "127.0.0.1:5000")]
    [InlineData("ghcr.io/org/app", "ghcr.io")]
    [InlineData("localhost/app", "localhost")]
    [InlineData("team/app", "docker.io")]
    [InlineData("app", "docker.io")]
    public void Names_the_registry_of_a_repository(string repository, string host) =>
        LoginRefusal.RegistryHost(repository).Should().Be(host);
}
