using Cascade.Docker;
using Cascade.Registry;
using Cascade.Stacks;
using Cascade.Tests.Support;

namespace Cascade.Tests.Registry;

/// <summary>
/// One tag for two platforms: each platform's image pushed under its own tag, then an index written through the
/// registry API, which `docker run --platform` resolves to the right image. Promotion moves the index whole.
/// </summary>
[Trait(Needs.Trait, Needs.Docker)]
[Trait(Needs.Trait, Needs.Registry)]
public sealed class MultiPlatformIndexTests(RegistryFixture registry) : IClassFixture<RegistryFixture>, IDisposable
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

    /// <summary>Builds and pushes the image for each platform under `tag-os-arch`; returns each pushed digest.</summary>
    private async Task<Dictionary<Platform, string>> PushPlatformsAsync(string name, string tag, params Platform[] platforms)
    {
        var context = _stack.AddMultiPlatformContext(name, "RUN uname -m > /built-on\n");
        var digests = new Dictionary<Platform, string>();
        foreach (var platform in platforms)
        {
            var reference = _stack.Tag(name, $"{tag}-{platform.TagSuffix}", registry.Host);
            var log = new StringWriter();
            var built = await _engine.BuildAsync(new ImageBuildRequest(context, "Dockerfile", [reference], new Dictionary<string, string>(),
                new Dictionary<string, string>(), platform), log, CancellationToken.None);
            built.Succeeded.Should().BeTrue(log.ToString());
            digests[platform] = await _engine.PushAsync(reference, null, TextWriter.Null, CancellationToken.None);
        }
        return digests;
    }

    private ImageReference Repository(string name) => ImageReference.Parse($"{registry.Host}/{_stack.Prefix}-{name}");

    [EmulatedFact]
    public async Task One_tag_runs_the_arm64_image_on_arm64_and_the_amd64_image_on_amd64()
    {
        var pushed = await PushPlatformsAsync("multi", "1.0", Platform.LinuxAmd64, Platform.LinuxArm64);
        var repository = Repository("multi");

        var digest = await Client.PutIndexAsync(repository,
            [(Platform.LinuxAmd64, "1.0-linux-amd64"), (Platform.LinuxArm64, "1.0-linux-arm64")], ["1.0", "sha-abc1234"], CancellationToken.None);

        var index = await Client.ReadIndexAsync(repository.WithTag("1.0"), CancellationToken.None);
        index.Should().BeEquivalentTo(new[]
        {
            new { Platform = Platform.LinuxAmd64, Digest = pushed[Platform.LinuxAmd64], MediaType = ImageIndex.DockerManifest },
            new { Platform = Platform.LinuxArm64, Digest = pushed[Platform.LinuxArm64], MediaType = ImageIndex.DockerManifest },
        });
        (await Client.ManifestExistsAsync(repository.WithTag("sha-abc1234"), CancellationToken.None)).Should().Be(digest);

        // Only the registry has the shared tag: each run pulls the platform's own image from the index.
        var shared = _stack.Tag("multi", "1.0", registry.Host);
        DockerTestCleanup.Docker("run", "--rm", "--platform", "linux/arm64", shared, "cat", "/built-on").Should().Equal("aarch64");
        DockerTestCleanup.Docker("run", "--rm", "--platform", "linux/amd64", shared, "cat", "/built-on").Should().Equal("x86_64");
        DockerTestCleanup.Docker("run", "--rm", "--platform", "linux/arm64", shared, "uname", "-m").Should().Equal("aarch64");
    }

    [EmulatedFact]
    public async Task Promotion_moves_the_index_whole()
    {
        await PushPlatformsAsync("promoted", "rc", Platform.LinuxAmd64, Platform.LinuxArm64);
        var repository = Repository("promoted");
        var digest = await Client.PutIndexAsync(repository,
            [(Platform.LinuxAmd64, "rc-linux-amd64"), (Platform.LinuxArm64, "rc-linux-arm64")], ["rc"], CancellationToken.None);

        var promoted = await Client.CopyTagAsync(repository, "rc", "stable", CancellationToken.None);

        promoted.Should().Be(digest);
        (await Client.ReadIndexAsync(repository.WithTag("stable"), CancellationToken.None))!.Select(e => e.Platform)
            .Should().Equal(Platform.LinuxAmd64, Platform.LinuxArm64);
    }

    [EmulatedFact]
    public async Task An_image_listed_for_a_platform_it_is_not_is_refused_and_no_tag_is_written()
    {
        await PushPlatformsAsync("mislabelled", "1", Platform.LinuxAmd64, Platform.LinuxArm64);
        var repository = Repository("mislabelled");

        var act = () => Client.PutIndexAsync(repository,
            [(Platform.LinuxAmd64, "1-linux-amd64"), (Platform.LinuxArm64, "1-linux-amd64")], ["1"], CancellationToken.None);

        (await act.Should().ThrowAsync<RegistryException>()).Which.Message.Should()
            .Be($"{repository.Name}:1-linux-amd64 is a linux/amd64 image, not linux/arm64; it cannot stand for linux/arm64 in the index.");
        (await Client.ManifestExistsAsync(repository.WithTag("1"), CancellationToken.None)).Should().BeNull();
    }

    [Fact]
    public void An_index_is_written_in_one_form_and_read_back()
    {
        IndexEntry[] entries =
        [
            new(Platform.LinuxAmd64, "sha256:" + new string('a', 64), 528, ImageIndex.DockerManifest),
            new(Platform.Parse("linux/arm/v7"), "sha256:" + new string('b', 64), 530, ImageIndex.DockerManifest),
        ];
        var (bytes, mediaType) = ImageIndex.Write(entries);

        mediaType.Should().Be(ImageIndex.DockerList, "Docker schema-2 manifests go in a Docker manifest list");
        ImageIndex.Write(entries).Bytes.Should().Equal(bytes);
        ImageIndex.Read(bytes).Should().Equal(entries);
        System.Text.Encoding.UTF8.GetString(bytes).Should().Contain("\"variant\": \"v7\"");
        ImageIndex.Write([entries[0] with { MediaType = ImageIndex.OciManifest }]).MediaType.Should().Be(ImageIndex.OciIndex);
    }
}
