using Cascade.Docker;

namespace Cascade.Tests.Docker;

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

    [Fact]
    public void A_push_refusal_gives_the_same_advice_as_the_registry_client()
    {
        var user = new Cascade.Registry.RegistryCredentials("ghcr.io", "me", "s3cr3t");

        LoginRefusal.Explain("ghcr.io/org/app", "unauthorized", user)
            .Should().Be(Cascade.Registry.LoginAdvice.Refused("ghcr.io", user, "unauthorized"))
            .And.Contain("refused for user 'me'").And.NotContain("s3cr3t");
        LoginRefusal.Explain("ghcr.io/org/app", "no basic auth credentials", null)
            .Should().Contain("no credentials were given").And.Contain(Cascade.Registry.LoginAdvice.HowToLogIn("ghcr.io"));
    }
}
