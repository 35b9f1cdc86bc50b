using Cascade.Docker;
using Cascade.Registry;
using Cascade.Tests.Support;

namespace Cascade.Tests.Registry;

/// <summary>Push through the real daemon into a real registry, then read it back with the registry client.</summary>
[Trait(Needs.Trait, Needs.Docker)]
[Trait(Needs.Trait, Needs.Registry)]
public sealed class PushAndRegistryTests(RegistryFixture registry) : IClassFixture<RegistryFixture>, IDisposable
{
    private readonly BusyboxStack _stack = new();
    private readonly DockerEngine _engine = DockerEngine.ConnectAsync(null, CancellationToken.None,
        options: new DockerEngineOptions { PushRetryDelay = TimeSpan.FromMilliseconds(100) }).GetAwaiter().GetResult();
    private readonly HttpClient _http = new();

    public void Dispose()
    {
        _stack.Dispose();
        _engine.Dispose();
        _http.Dispose();
    }

    private Task<string> BuildAsync(string name, string tag) => _stack.BuildUniqueAsync(_engine, name, tag, registry.Host);

    [Fact]
    public async Task Pushed_image_can_be_found_listed_and_promoted()
    {
        var reference = await BuildAsync("pushed", "abc123");
        var log = new StringWriter();

        var digest = await _engine.PushAsync(reference, null, log, CancellationToken.None);

        digest.Should().MatchRegex("^sha256:[0-9a-f]{64}$");
        log.ToString().Should().Contain("digest: " + digest);
        var client = new RegistryClient(_http, _ => null);
        var image = ImageReference.Parse(reference);
        (await client.ManifestExistsAsync(image, CancellationToken.None)).Should().Be(digest);
        (await client.ManifestExistsAsync(image.WithTag("never-pushed"), CancellationToken.None)).Should().BeNull();

        var copied = await client.CopyTagAsync(image, "abc123", "stable", CancellationToken.None);

        copied.Should().Be(digest, "promotion re-tags the same manifest bytes");
        (await client.ManifestExistsAsync(image.WithTag("stable"), CancellationToken.None)).Should().Be(digest);
        (await client.ListTagsAsync(image, CancellationToken.None)).Should().BeEquivalentTo("abc123", "stable");
        // The daemon pulls the promoted tag back: it is a complete image, not just a manifest.
        var stable = image.WithTag("stable").ToString();
        _stack.Tag("pushed", "stable", registry.Host);
        DockerTestCleanup.Docker("pull", stable);
        (await _engine.FindImageAsync(stable, CancellationToken.None)).Should().NotBeNull();
    }

    [Fact]
    public async Task Unknown_repository_lists_no_tags_and_copy_names_what_is_missing()
    {
        var client = new RegistryClient(_http, _ => null);
        var missing = ImageReference.Parse($"{registry.Host}/{_stack.Prefix}-absent:1");
        (await client.ListTagsAsync(missing, CancellationToken.None)).Should().BeEmpty();
        var act = () => client.CopyTagAsync(missing, "1", "stable", CancellationToken.None);
        (await act.Should().ThrowAsync<RegistryException>()).Which.Message.Should().Contain("absent:1 does not exist");
    }

    [Fact]
    public async Task Push_to_a_dead_registry_is_retried_then_fails_without_leaking_the_password()
    {
        // A port nobody listens on: "connection refused" is transient, so all three attempts run.
        int deadPort;
        using (var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            probe.Start();
            deadPort = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        }
        var reference = _stack.Tag("dead", "1", $"127.0.0.1:{deadPort}");
        var source = await BuildAsync("dead-src", "1");
        await _engine.TagAsync(source, reference, CancellationToken.None);
        var password = $"pw-{Guid.NewGuid():N}";
        var credentials = new RegistryCredentials($"127.0.0.1:{deadPort}", "ci-bot", password);
        var log = new StringWriter();

        var act = () => _engine.PushAsync(reference, credentials, log, CancellationToken.None);

        var error = (await act.Should().ThrowAsync<DockerPushException>()).Which;
        error.IsTransient.Should().BeTrue();
        error.Message.Should().Contain("connection refused");
        System.Text.RegularExpressions.Regex.Matches(log.ToString(), "retrying in").Should().HaveCount(2);
        error.ToString().Should().NotContain(password);
        log.ToString().Should().NotContain(password);
        credentials.ToString().Should().NotContain(password);
    }
}
