using Cascade.Registry;
using Cascade.Tests.Cli;
using Cascade.Tests.Support;

namespace Cascade.Tests.Publishing;

/// <summary>
/// Promote in a stack with ci.sign and ci.sbom on, through the CLI, on the real daemon and a loopback registry: for each
/// image it says whether cosign's signatures and attestations are beside its digest — and so hold under the new tags —
/// asking the registry for cosign's tags. No cosign runs here: a signature is stood in for by a manifest under
/// cosign's tag `sha256-&lt;hex&gt;.sig`, which is all the registry would show of a real one.
/// </summary>
[Trait(Needs.Trait, Needs.Docker), Trait(Needs.Trait, Needs.Registry)]
public sealed class PromotedSignaturesCliTests : IDisposable
{
    private readonly RegistryFixture registry = new();
    private readonly CliRepo repo = new();
    private readonly string owner = $"cascade-sig-{Guid.NewGuid():N}"[..24];
    private readonly HttpClient http = new();

    public void Dispose()
    {
        DockerTestCleanup.RemoveImagesWithPrefix(owner);
        repo.Dispose();
        registry.Dispose();
        http.Dispose();
    }

    private async Task PushAsync(string ci)
    {
        repo.BusyboxBaseAndChild(owner, ci);
        var push = await repo.RunAsync("Push", "--all", "--branch", "main", "--registry", registry.Host);
        push.ExitCode.Should().Be(0, push.ToString());
    }

    /// <summary>Stands in for `cosign sign` of base's digest: a manifest under cosign's tag beside it.</summary>
    private async Task<string> SignBaseAsync()
    {
        var client = new RegistryClient(http, _ => null);
        var repository = ImageReference.Parse($"{registry.Host}/{owner}/base:main");
        var digest = (await client.ManifestExistsAsync(repository, CancellationToken.None))!;
        await client.CopyTagAsync(repository, "main", CosignTags.For(digest)[0], CancellationToken.None);
        return digest;
    }

    [Fact]
    public async Task With_signing_on_the_promotion_says_which_images_signatures_hold_under_the_new_tags()
    {
        await PushAsync("ci:\n  sign: true\n  sbom: true\n");
        var digest = await SignBaseAsync();

        var run = await repo.RunAsync("Promote", "--from-tag", "main", "--to-tag", "stable", "--registry", registry.Host);

        run.ExitCode.Should().Be(0, run.ToString());
        run.Stderr.Should().Contain($"base: its signatures and attestations ({digest.Replace(':', '-')}.sig) are keyed by its digest {digest}, " +
                                    "so they hold for stable as they are")
            .And.MatchRegex(@"child: sha256:[0-9a-f]{64} has no cosign signature or attestation in the registry");
        run.Stdout.Should().NotContain("signature", "stdout is what moved, for scripts");
    }

    [Fact]
    public async Task Without_signing_the_promotion_asks_the_registry_nothing_more()
    {
        await PushAsync("");
        await SignBaseAsync();
        var before = registry.LogLines.Count;

        var run = await repo.RunAsync("Promote", "--from-tag", "main", "--to-tag", "stable", "--registry", registry.Host);

        run.ExitCode.Should().Be(0, run.ToString());
        run.Output.Should().NotContain("signature");
        registry.LogLines.Skip(before).Should().NotContain(l => l.Contains(".sig"), "no HEAD for cosign's tags");
    }
}
