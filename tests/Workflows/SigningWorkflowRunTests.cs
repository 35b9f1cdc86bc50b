using System.Text.Json.Nodes;
using Cascade.Registry;
using Cascade.Tests.Support;
using Cascade.Workflows;

namespace Cascade.Tests.Workflows;

/// <summary>
/// ci.sign and ci.sbom, run end to end by the local executor on the real Docker engine and a real registry. cosign and
/// syft cannot run here (no internet: no Fulcio, no Rekor, no download): the executor's stand-ins for
/// sigstore/cosign-installer and anchore/sbom-action/download-syft (tests/workflows/stubs) record each signing and
/// attestation in the repository's "sigstore" file instead, refuse anything but `repository@sha256:…`, and answer
/// verify from that file. What this shows: which digests the generated job signs and attests, and when it runs at all.
/// The stack: root → mid → leaf, root → sib.
/// </summary>
[Collection(WorkflowRunCollection.Name)]
[Trait(Needs.Trait, Needs.Docker), Trait(Needs.Trait, Needs.Registry)]
public class SigningWorkflowRunTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    private async Task<string> DigestRefAsync(WorkflowRepo repo, string image, string tag)
    {
        using var http = new HttpClient();
        var name = $"{registry.Host}/{repo.Owner}/{image}";
        var digest = await new RegistryClient(http, _ => null).ManifestExistsAsync($"{name}:{tag}", CancellationToken.None);
        digest.Should().NotBeNull($"{name}:{tag} is in the registry");
        return $"{name}@{digest}";
    }

    private static List<string> Sigstore(WorkflowRepo repo) =>
        File.Exists(repo.Sigstore) ? File.ReadAllLines(repo.Sigstore).ToList() : [];

    private static IEnumerable<string> SignedAndAttested(IEnumerable<string> digestRefs) =>
        digestRefs.SelectMany(d => new[] { $"sign --recursive {d}", $"attest spdxjson {d}" });

    [Fact]
    public async Task A_push_signs_and_attests_each_pushed_digest_a_pull_request_signs_nothing_and_a_signed_digest_is_not_signed_again()
    {
        using var repo = new WorkflowRepo(registry.Host, sign: true);
        var first = await repo.GenerateAndCommitAsync();
        var change = repo.Change("root");

        var push = await LocalRun.ExecuteAsync(repo, "push", new JsonObject { ["before"] = first }, change, "refs/heads/main");

        push.ImageResults.Values.Should().AllBe("success", push.ToString());
        push.Result(SigningJob.Id).Should().Be("success", push.ToString());
        var pushed = new List<string>();
        foreach (var image in WorkflowRepo.Images) pushed.Add(await DigestRefAsync(repo, image, WorkflowRepo.ShaTag(change)));
        Sigstore(repo).Should().BeEquivalentTo(SignedAndAttested(pushed), "each digest the push pushed, once, by digest\n" + push);
        push.Logs(SigningJob.Id).Single().Value.Should().Contain("cosign: the executor's stand-in").And.Contain("syft: the executor's stand-in");

        repo.Git.Git("checkout", "-q", "-b", "topic");
        var head = repo.Change("leaf");
        var pullRequest = await LocalRun.ExecuteAsync(repo, "pull_request", new JsonObject
        {
            ["pull_request"] = new JsonObject
            {
                ["number"] = 3, ["base"] = new JsonObject { ["sha"] = change },
                ["head"] = new JsonObject { ["repo"] = new JsonObject { ["full_name"] = "local/cascade-test" } },
            },
        }, head, "refs/pull/3/merge", headRef: "topic", baseRef: "main");

        pullRequest.ImageResults["leaf"].Should().Be("success", pullRequest.ToString());
        pullRequest.Result(SigningJob.Id).Should().Be("skipped", "a pull request pushes fingerprint tags only, and gets no OIDC token\n" + pullRequest);
        Sigstore(repo).Should().HaveCount(pushed.Count * 2, "nothing signed on the pull request");

        // Every image again, at the pull request's head: leaf is reused from the pull request's fingerprint tag (a digest
        // never signed), the others from the push (signed): only leaf's digest is signed now.
        var dispatch = await LocalRun.ExecuteAsync(repo, "workflow_dispatch", new JsonObject(), head, "refs/heads/topic",
            inputs: new JsonObject { ["all"] = true });

        dispatch.Result(SigningJob.Id).Should().Be("success", dispatch.ToString());
        var leaf = await DigestRefAsync(repo, "leaf", WorkflowRepo.ShaTag(head));
        Sigstore(repo).Should().BeEquivalentTo(SignedAndAttested([.. pushed, leaf]), dispatch.ToString());
        dispatch.Logs(SigningJob.Id).Single().Value.Should().Contain($"{pushed[0]}: signed already by this repository's workflows")
            .And.Contain($"{pushed[0]}: its SBOM is attached already");
    }

    [EmulatedFact]
    public async Task A_multi_platform_image_is_signed_at_its_index_digest_and_each_platform_gets_its_own_sbom()
    {
        using var repo = new WorkflowRepo(registry.Host, platforms: true, sign: true);
        var commit = await repo.GenerateAndCommitAsync();

        var run = await LocalRun.ExecuteAsync(repo, "workflow_dispatch", new JsonObject(), commit, "refs/heads/main",
            inputs: new JsonObject { ["all"] = true });

        run.Result(SigningJob.Id).Should().Be("success", run.ToString());
        using var http = new HttpClient();
        var client = new RegistryClient(http, _ => null);
        var expected = new List<string>();
        foreach (var image in WorkflowRepo.Images)
        {
            // The shared tag names the index: signed (--recursive: its platforms' manifests too); each platform's
            // manifest, as the index lists it, gets the SBOM of its own file system.
            var index = await DigestRefAsync(repo, image, WorkflowRepo.ShaTag(commit));
            var entries = await client.ReadIndexAsync(ImageReference.Parse(index), CancellationToken.None);
            entries.Should().HaveCount(2, $"{image} is an index of two platforms\n{run}");
            expected.Add($"sign --recursive {index}");
            expected.AddRange(entries!.Select(e => $"attest spdxjson {index[..index.IndexOf('@')]}@{e.Digest}"));
        }
        Sigstore(repo).Should().BeEquivalentTo(expected, "the index signed --recursive, so its platforms' manifests are too\n" + run);
    }
}
