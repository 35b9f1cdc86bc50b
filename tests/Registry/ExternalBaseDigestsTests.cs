using Cascade.Docker;
using Cascade.Registry;
using Cascade.Tests.Support;

namespace Cascade.Tests.Registry;

/// <summary>External base images enter fingerprints by digest when their registry answers.</summary>
[Trait("Needs", "Registry")]
public sealed class ExternalBaseDigestsTests(RegistryFixture registry) : IClassFixture<RegistryFixture>, IDisposable
{
    private readonly BusyboxStack stack = new();

    public void Dispose() => stack.Dispose();

    [Fact]
    public async Task A_base_in_a_registry_that_answers_gives_its_digest_and_one_that_does_not_says_why()
    {
        using var engine = await DockerEngine.ConnectAsync(null, CancellationToken.None);
        var reference = await stack.BuildUniqueAsync(engine, "upstream", "1.0", registry.Host);
        var pushed = await engine.PushAsync(reference, null, TextWriter.Null, CancellationToken.None);
        var missing = $"{registry.Host}/{stack.Prefix}-upstream:never-pushed";
        var unreachable = "127.0.0.1:1/nobody/base:1";

        var found = ExternalBaseDigests.Resolve([reference, missing, unreachable, reference], _ => null);

        found.Should().HaveCount(3);
        found[reference].Digest.Should().Be(pushed);
        found[missing].Should().Match<BaseDigest>(b => b.Digest == null && b.Why!.Contains("does not have it"));
        found[unreachable].Should().Match<BaseDigest>(b => b.Digest == null && b.Why!.Contains("did not answer"));
    }
}
