using Cascade.Stacks;

namespace Cascade.Workflows;

/// <summary>
/// ci.sign and ci.sbom: the job of build-test-push.yml that signs, keyless with cosign, each digest the run pushed, and
/// attests an SPDX JSON SBOM (syft's) to it. A job of its own, after the image jobs, because id-token: write (the OIDC
/// token keyless signing trades for a certificate) must not reach the image jobs: they are one job for every event, and
/// on a pull request they run the pull request's code. This job runs on pushes, schedules and dispatches only, checks
/// out nothing and runs no code of the repository's; it reads the digests from the ledger entries the image and index
/// jobs left (each Push's record, written with the digest the registry answered the push with) and signs
/// `repository@digest`, never a tag, which can move.
/// A multi-platform image is signed at its index digest, `--recursive`, so each platform's manifest is signed too; its
/// SBOMs are one per platform (an SBOM describes one file system), each attested to that platform's digest. A digest
/// already signed (or attested) by this repository's workflows is left as it is: a reused image keeps its digest, and
/// a daily run would otherwise add one more signature to it each day.
/// </summary>
internal static class SigningJob
{
    public const string Id = "sign";

    /// <summary>Whether the stack asks for it: only then is the job written, so a stack without is generated as before.</summary>
    public static bool Needed(StackSpec spec) => spec.Ci.Sign || spec.Ci.Sbom;

    private const string Entries = ".cascade/pushed";
    private const string Lists = ".cascade/sign";
    private const string SyftStep = "syft";

    /// <param name="after">The plan job and every image job, whatever the layout names them.</param>
    public static Job Create(StackSpec spec, IEnumerable<string> after)
    {
        var registry = WorkflowOptions.Registry(spec);
        var steps = new List<Step>
        {
            new()
            {
                Name = "Download the image jobs' ledger entries",
                Uses = PinnedActions.DownloadArtifact.Uses,
                With = new() { ["pattern"] = WikiJob.EntryArtifact + "*", ["path"] = Entries },
            },
            new() { Name = "List the digests this run pushed", Run = ListScript },
            CommonSteps.Login(registry),
            new() { Name = "Install cosign", Uses = PinnedActions.CosignInstaller.Uses },
        };
        if (spec.Ci.Sign) steps.Add(new Step { Name = "Sign each pushed digest (keyless)", Run = SignScript });
        if (spec.Ci.Sbom)
        {
            steps.Add(new Step { Name = "Install syft", Id = SyftStep, Uses = PinnedActions.DownloadSyft.Uses });
            steps.Add(new Step
            {
                Name = "Attach an SPDX JSON SBOM to each pushed image's digest",
                Env = new() { ["SYFT"] = $"${{{{ steps.{SyftStep}.outputs.cmd }}}}" },
                Run = SbomScript,
            });
        }
        return new Job
        {
            Name = spec.Ci.Sign && spec.Ci.Sbom ? "Sign the pushed images and attach their SBOMs" : spec.Ci.Sign ? "Sign the pushed images" : "Attach the pushed images' SBOMs",
            Needs = after.ToList(),
            // Never on a pull request (a fork's or not): it pushes nothing a user pulls, and its code must get no OIDC token.
            If = $"${{{{ !cancelled() && github.event_name != 'pull_request' && needs.{PlanJob.Id}.result == 'success' && " +
                 $"(needs.{PlanJob.Id}.outputs.count != '0' || needs.{PlanJob.Id}.outputs.left_out != '') }}}}",
            RunsOn = WorkflowOptions.RunsOn(spec.Ci.Runner),
            // packages: write stores the signatures and attestations beside the image; id-token: write gets the certificate.
            Permissions = new() { ["packages"] = "write", ["id-token"] = "write" },
            TimeoutMinutes = (int)Math.Ceiling(spec.Ci.Timeout.TotalMinutes),
            Env = new()
            {
                // Who may have signed a digest this job finds signed: this repository's workflows, through GitHub's OIDC issuer.
                ["CASCADE_SIGNER"] = "^${{ github.server_url }}/${{ github.repository }}/",
                ["CASCADE_ISSUER"] = "https://token.actions.githubusercontent.com",
            },
            Steps = steps,
        };
    }

    // Each entry's images with a digest: what the run pushed or tagged (an image outside the plan, or one that failed
    // before its push, has none). The reference loses its tag: `repository@digest`. signed: one line per digest;
    // sboms: one per image, `repository@digest platform` per platform of a multi-platform image (from its facts).
    private static readonly string ListScript = $$"""
        set -o pipefail
        mkdir -p {{Lists}}
        mapfile -t entries < <(find {{Entries}} -name '*.json' 2>/dev/null | sort)
        : > {{Lists}}/digests
        : > {{Lists}}/sboms
        if (( ${#entries[@]} )); then
          jq -r '.images[] | select(.digest != null) | "\(.reference | sub(":[^:/]+$"; ""))@\(.digest)"' "${entries[@]}" \
            | sort -u > {{Lists}}/digests
          jq -r '.images[] | select(.digest != null) | (.reference | sub(":[^:/]+$"; "")) as $repository
            | if ([.facts.platforms[]? | select(.digest != null)] | length) > 0
              then .facts.platforms[] | select(.digest != null) | "\($repository)@\(.digest) \(.platform)"
              else "\($repository)@\(.digest)" end' "${entries[@]}" | sort -u > {{Lists}}/sboms
        fi
        echo "pushed in this run: $(wc -l < {{Lists}}/digests) digest(s)"
        cat {{Lists}}/digests

        """;

    private static readonly string SignScript = $$"""
        mapfile -t digests < {{Lists}}/digests
        for image in "${digests[@]}"; do
          if cosign verify --certificate-identity-regexp "$CASCADE_SIGNER" --certificate-oidc-issuer "$CASCADE_ISSUER" "$image" >/dev/null 2>&1; then
            echo "$image: signed already by this repository's workflows"
            continue
          fi
          cosign sign --yes --recursive "$image"
        done

        """;

    private static readonly string SbomScript = $$"""
        mapfile -t images < {{Lists}}/sboms
        for line in "${images[@]}"; do
          read -r image platform <<< "$line"
          if cosign verify-attestation --type spdxjson --certificate-identity-regexp "$CASCADE_SIGNER" \
               --certificate-oidc-issuer "$CASCADE_ISSUER" "$image" >/dev/null 2>&1; then
            echo "$image: its SBOM is attached already"
            continue
          fi
          "$SYFT" scan "registry:$image" ${platform:+--platform "$platform"} -o "spdx-json={{Lists}}/sbom.spdx.json"
          cosign attest --yes --type spdxjson --predicate {{Lists}}/sbom.spdx.json "$image"
        done

        """;
}
