using Cascade.Registry;
using Cascade.Docker;
using Cascade.Tests.Support;

namespace Cascade.Tests.Registry;

/// <summary>
/// Pushes through the real daemon into a real registry that demands a login (htpasswd, HTTP Basic):
/// the right credentials work, wrong or missing ones fail with a message that names the registry and
/// says the login was refused, and the password shows up nowhere.
/// </summary>
[Trait(Needs.Trait, Needs.Docker)]
[Trait(Needs.Trait, Needs.Registry)]
public sealed class AuthenticatedPushTests(AuthenticatedRegistryFixture registry)
    : IClassFixture<AuthenticatedRegistryFixture>, IDisposable
{
    private readonly BusyboxStack _stack = new();
    private readonly DockerEngine _engine = DockerEngine.ConnectAsync(null, CancellationToken.None,
        options: new DockerEngineOptions { PushRetryDelay = TimeSpan.FromMilliseconds(100) }).GetAwaiter().GetResult();

    public void Dispose()
    {
        _stack.Dispose();
        _engine.Dispose();
    }

    private Task<string> BuildAsync(string name, string tag) => _stack.BuildUniqueAsync(_engine, name, tag, registry.Host);

    [Fact]
    public async Task Push_with_the_right_credentials_returns_the_digest()
    {
        var reference = await BuildAsync("authed", "1");
        var log = new StringWriter();

        var digest = await _engine.PushAsync(reference, registry.Credentials, log, CancellationToken.None);

        digest.Should().MatchRegex("^sha256:[0-9a-f]{64}$");
        log.ToString().Should().Contain("digest: " + digest).And.NotContain(registry.Password);
    }

    [Fact]
    public async Task Push_with_a_wrong_password_says_the_login_was_refused_and_leaks_nothing()
    {
        var reference = await BuildAsync("wrong-password", "1");
        var wrong = $"wrong-{Guid.NewGuid():N}";
        var log = new StringWriter();

        var act = () => _engine.PushAsync(reference, new RegistryCredentials(registry.Host, registry.Username, wrong),
            log, CancellationToken.None);

        var error = (await act.Should().ThrowAsync<DockerPushException>()).Which;
        error.IsTransient.Should().BeFalse("a refused login does not get better by retrying");
        error.Message.Should().Contain($"the login to {registry.Host} was refused for user '{registry.Username}'");
        foreach (var secret in new[] { wrong, registry.Password })
        {
            error.ToString().Should().NotContain(secret);
            log.ToString().Should().NotContain(secret);
        }
        log.ToString().Should().NotContain("retrying");
    }

    [Fact]
    public async Task Push_without_credentials_says_the_login_was_refused()
    {
        var reference = await BuildAsync("anonymous", "1");
        var log = new StringWriter();

        var act = () => _engine.PushAsync(reference, null, log, CancellationToken.None);

        var error = (await act.Should().ThrowAsync<DockerPushException>()).Which;
        error.IsTransient.Should().BeFalse();
        error.Message.Should().Contain($"the login to {registry.Host} was refused: no credentials were given");
        error.ToString().Should().NotContain(registry.Password);
    }
}
