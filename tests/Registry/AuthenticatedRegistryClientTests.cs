using System.Net;
using Cascade.Docker;
using Cascade.Registry;
using Cascade.Tests.Support;

namespace Cascade.Tests.Registry;

/// <summary>
/// The registry client against a real registry that demands HTTP Basic auth (htpasswd): with the right
/// login it finds, lists and promotes; with a wrong or missing one it fails with a clear
/// <see cref="RegistryException"/> that never carries the secret.
/// </summary>
[Trait(Needs.Trait, Needs.Docker)]
[Trait(Needs.Trait, Needs.Registry)]
public sealed class AuthenticatedRegistryClientTests(AuthenticatedRegistryFixture registry)
    : IClassFixture<AuthenticatedRegistryFixture>, IDisposable
{
    private readonly BusyboxStack _stack = new();
    private readonly DockerEngine _engine = DockerEngine.ConnectAsync(null, CancellationToken.None).GetAwaiter().GetResult();
    private readonly HttpClient _http = new();

    public void Dispose()
    {
        _stack.Dispose();
        _engine.Dispose();
        _http.Dispose();
    }

    private async Task<(ImageReference Image, string Digest)> PushAsync(string name, string tag)
    {
        var context = _stack.AddContext(name, $"RUN echo {Guid.NewGuid()} > /unique\n");
        var reference = _stack.Tag(name, tag, registry.Host);
        var outcome = await _engine.BuildAsync(new ImageBuildRequest(context, "Dockerfile", [reference],
            new Dictionary<string, string>(), new Dictionary<string, string>()), TextWriter.Null, CancellationToken.None);
        outcome.Succeeded.Should().BeTrue(outcome.Error);
        var digest = await _engine.PushAsync(reference, registry.Credentials, TextWriter.Null, CancellationToken.None);
        return (ImageReference.Parse(reference), digest);
    }

    private RegistryClient ClientWith(RegistryCredentials? credentials) =>
        new(_http, host => host == registry.Host ? credentials : null, retryDelay: TimeSpan.FromMilliseconds(10));

    [Fact]
    public async Task Basic_login_finds_lists_and_promotes()
    {
        var (image, digest) = await PushAsync("basic", "abc");
        var client = ClientWith(registry.Credentials);

        (await client.ManifestExistsAsync(image, CancellationToken.None)).Should().Be(digest);
        (await client.ManifestExistsAsync(image.WithTag("never-pushed"), CancellationToken.None)).Should().BeNull();
        (await client.CopyTagAsync(image, "abc", "stable", CancellationToken.None)).Should().Be(digest);
        (await client.ListTagsAsync(image, CancellationToken.None)).Should().BeEquivalentTo("abc", "stable");
    }

    [Fact]
    public async Task Wrong_password_is_a_clear_refusal_without_the_secret()
    {
        var (image, _) = await PushAsync("wrong", "1");
        var wrong = $"wrong-{Guid.NewGuid():N}";
        var client = ClientWith(new RegistryCredentials(registry.Host, registry.Username, wrong));

        foreach (var call in new Func<Task>[]
                 {
                     () => client.ManifestExistsAsync(image, CancellationToken.None),
                     () => client.ListTagsAsync(image, CancellationToken.None),
                     () => client.CopyTagAsync(image, "1", "stable", CancellationToken.None),
                 })
        {
            var error = (await call.Should().ThrowAsync<RegistryException>()).Which;
            error.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
            error.Message.Should().Contain($"the login to {registry.Host} was refused for user '{registry.Username}'");
            error.ToString().Should().NotContain(wrong).And.NotContain(registry.Password)
                .And.NotContain(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{registry.Username}:{wrong}")));
        }
    }

    [Fact]
    public async Task No_credentials_is_a_clear_request_to_log_in()
    {
        var (image, _) = await PushAsync("anonymous", "1");
        var client = ClientWith(null);

        var act = () => client.ListTagsAsync(image, CancellationToken.None);

        var error = (await act.Should().ThrowAsync<RegistryException>()).Which;
        error.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        error.Message.Should().Contain($"{registry.Host} asks for a login").And.Contain("REGISTRY_USERNAME");
    }

    [Fact]
    public async Task The_daemon_does_not_remember_a_login_between_pushes()
    {
        // A push with the right login, then one of another tag of the same image without any: the
        // daemon keeps no login of its own (X-Registry-Auth is per request), so the second is refused.
        var (image, _) = await PushAsync("no-cache", "1");
        var second = _stack.Tag("no-cache", "2", registry.Host);
        await _engine.TagAsync(image.ToString(), second, CancellationToken.None);

        var act = () => _engine.PushAsync(second, null, TextWriter.Null, CancellationToken.None);

        (await act.Should().ThrowAsync<DockerPushException>()).Which.Message.Should().Contain("no credentials were given");
    }
}
