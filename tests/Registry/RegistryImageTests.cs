using Cascade.Docker;
using Cascade.Registry;
using Cascade.Stacks;
using Cascade.Tests.Support;

namespace Cascade.Tests.Registry;

/// <summary>What the layer cache reads before it pulls: one platform's image of a tag — the manifest itself, or its
/// index's entry — with the labels of its config, from a real registry, without pulling a layer.</summary>
[Trait(Needs.Trait, Needs.Docker)]
[Trait(Needs.Trait, Needs.Registry)]
public sealed class RegistryImageTests(RegistryFixture registry) : IClassFixture<RegistryFixture>, IDisposable
{
    private readonly BusyboxStack _stack = new();
    private readonly DockerEngine _engine = DockerEngine.ConnectAsync(null, CancellationToken.None).GetAwaiter().GetResult();
    private readonly HttpClient _http = new();
    private RegistryClient Client => new(_http, _ => null);

    public void Dispose()
    {
        _stack.Dispose();
        _engine.Dispose();
        _http.Dispose();
    }

    private async Task<string> PushAsync(string context, string reference, Platform platform)
    {
        var log = new StringWriter();
        var built = await _engine.BuildAsync(new ImageBuildRequest(context, "Dockerfile", [reference], new Dictionary<string, string>(),
            new Dictionary<string, string> { ["org.opencontainers.image.base.digest"] = $"sha256:{platform.TagSuffix}" }, platform), log, CancellationToken.None);
        built.Succeeded.Should().BeTrue(log.ToString());
        return await _engine.PushAsync(reference, null, TextWriter.Null, CancellationToken.None);
    }

    [EmulatedFact]
    public async Task An_index_gives_the_platforms_own_image_and_its_labels_and_a_manifest_of_another_platform_gives_none()
    {
        var context = _stack.AddMultiPlatformContext("read");
        var amd64 = await PushAsync(context, _stack.Tag("read", "1-linux-amd64", registry.Host), Platform.LinuxAmd64);
        var arm64 = await PushAsync(context, _stack.Tag("read", "1-linux-arm64", registry.Host), Platform.LinuxArm64);
        var repository = ImageReference.Parse($"{registry.Host}/{_stack.Prefix}-read");
        await Client.PutIndexAsync(repository, [(Platform.LinuxAmd64, "1-linux-amd64"), (Platform.LinuxArm64, "1-linux-arm64")], ["1"], CancellationToken.None);

        var fromIndex = await Client.ReadImageAsync(repository.WithTag("1"), Platform.LinuxArm64, CancellationToken.None);
        fromIndex!.Manifest.Should().Be(repository with { Tag = null, Digest = arm64 }, "the pull names exactly the platform's manifest");
        fromIndex.Labels.Should().Contain("org.opencontainers.image.base.digest", "sha256:linux-arm64");
        fromIndex.Labels.Should().Contain("cascade.test.stack", _stack.Prefix, "labels from the Dockerfile too");

        var own = await Client.ReadImageAsync(repository.WithTag("1-linux-amd64"), Platform.LinuxAmd64, CancellationToken.None);
        own!.Manifest.Digest.Should().Be(amd64);
        (await Client.ReadImageAsync(repository.WithTag("1-linux-amd64"), Platform.LinuxArm64, CancellationToken.None))
            .Should().BeNull("an amd64 image is no arm64 build's cache");
        (await Client.ReadImageAsync(repository.WithTag("absent"), Platform.LinuxAmd64, CancellationToken.None)).Should().BeNull();
    }
}
