namespace Cascade.Workflows;

/// <summary>
/// How a pull request from a fork builds each image once. GitHub gives it no secrets and a read-only token: its image
/// jobs log in nowhere and push nothing, so a child's job cannot pull what its parent's job built. Instead, a job whose
/// image a later job of the run needs saves it (`docker save | zstd`, as jupyter/docker-stacks hands images between its
/// jobs) as a short-lived artifact of the run, and each child's job loads its parents' before Cascade runs; Cascade
/// finds them in the daemon by their fingerprint tags and builds FROM them. The plan (plan.json in the plan job's
/// artifact) says which parents this run built and whether any child needs this image, so a leaf saves nothing.
/// zstd is on GitHub's hosted runners (actions/cache uses it), fast at both ends, and smaller than gzip -1.
/// </summary>
internal static class ForkHandOver
{
    /// <summary>The job's env: whether this is a pull request from another repository (a fork).</summary>
    public const string Variable = "CASCADE_FORK";
    public const string Expression = "${{ github.event_name == 'pull_request' && github.event.pull_request.head.repo.full_name != github.repository }}";

    public const string IsFork = $"env.{Variable} == 'true'";
    public const string NotFork = $"env.{Variable} != 'true'";

    /// <summary>Saved images' artifacts: `saved-image-NAME`, and `-os-arch` for one platform's image. Not under
    /// `cascade-`, where an image's logs are (`cascade-NAME`), so no image name can make the two meet.</summary>
    public const string ArtifactPrefix = "saved-image-";
    public const string PlanFolder = ".cascade/plan";
    private const string Incoming = ".cascade/images";
    private const string Outgoing = ".cascade/saved";
    private const string StepId = "handover";

    /// <summary>Where the image job's run writes its results (--results-file): the save step reads the image's reference there.</summary>
    public const string ResultsFile = ".cascade/results.json";

    /// <param name="when">The job's own condition of its build steps (the matrix layout's "parents ready"), if any.</param>
    public static IEnumerable<Step> LoadParents(string? when)
    {
        var fork = when is null ? IsFork : $"{IsFork} && {when}";
        var parents = $"{fork} && steps.{StepId}.outputs.parents != ''";
        return
        [
            new Step
            {
                Name = "Fork: read the run's plan",
                If = fork,
                Uses = PinnedActions.DownloadArtifact.Uses,
                With = new() { ["name"] = PlanJob.Artifact, ["path"] = PlanFolder },
            },
            new Step { Name = "Fork: which parents this run built, and whether a child needs this image", Id = StepId, If = fork, Run = FindScript },
            new Step
            {
                Name = "Fork: fetch the parents' images this run built",
                If = parents,
                Uses = PinnedActions.DownloadArtifact.Uses,
                With = new() { ["pattern"] = $"${{{{ steps.{StepId}.outputs.pattern }}}}", ["path"] = Incoming, ["merge-multiple"] = true },
            },
            new Step { Name = "Fork: load them into the Docker daemon", If = parents, Run = LoadScript },
        ];
    }

    public static IEnumerable<Step> SaveImage(string? when)
    {
        var save = $"{IsFork} && steps.{StepId}.outputs.children == 'true'" + (when is null ? "" : $" && {when}");
        return
        [
            new Step { Name = "Fork: save the image for its children's jobs", If = save, Run = SaveScript },
            new Step
            {
                Name = "Fork: hand the image to its children's jobs",
                If = save,
                Uses = PinnedActions.UploadArtifact.Uses,
                // Already compressed: upload-artifact's own zip would only spend time. Only this run needs it.
                With = new()
                {
                    ["name"] = $"${{{{ steps.{StepId}.outputs.name }}}}", ["path"] = $"{Outgoing}/", ["if-no-files-found"] = "ignore",
                    ["compression-level"] = 0, ["retention-days"] = 1,
                },
            },
        ];
    }

    // A platform's job hands over that platform's image: `-os-arch` after the name, as its logs' artifact has.
    // `@(a|b)` is download-artifact's pattern (minimatch) for "a or b".
    private static readonly string FindScript = $$$"""
        plan={{{PlanFolder}}}/plan.json
        suffix=${ONLY_PLATFORM:+-${ONLY_PLATFORM//\//-}}
        parents=$(jq -r --arg image "$CASCADE_IMAGE" '[.images[] | select(.affected) | .name] as $built
          | .images[] | select(.name == $image) | .parents[] | select(IN($built[]))' "$plan" | paste -sd '|' -)
        children=$(jq --arg image "$CASCADE_IMAGE" 'any(.images[]; .affected and any(.parents[]; . == $image))' "$plan")
        {
          echo "parents=$parents"
          echo "pattern={{{ArtifactPrefix}}}@($parents)$suffix"
          echo "children=$children"
          echo "name={{{ArtifactPrefix}}}$CASCADE_IMAGE$suffix"
        } >> "$GITHUB_OUTPUT"
        echo "built in this run and needed here: ${parents:-none}; a child in this run needs $CASCADE_IMAGE: $children"

        """;

    // Each archive goes as soon as it is loaded: the runner's disk is for the build.
    private const string LoadScript = $$"""
        for archive in {{Incoming}}/*.tar.zst; do
          zstd -dc "$archive" | docker load
          rm -f "$archive"
        done

        """;

    // The run gave the image its fingerprint tag alone (FINGERPRINT_TAGS_ONLY): the reference its children's Cascade looks for.
    // An image the run reused from the registry is not in this daemon: the children pull it from there, as this job could.
    private static readonly string SaveScript = $$"""
        reference=$(jq -r --arg image "$CASCADE_IMAGE" '.images[] | select(.name == $image) | .ref' {{ResultsFile}})
        if ! docker image inspect "$reference" >/dev/null 2>&1; then
          echo "::notice::$reference is not in this runner's daemon (reused from the registry): its children pull it from there"
          exit 0
        fi
        mkdir -p {{Outgoing}}
        docker save "$reference" | zstd -T0 -q -o "{{Outgoing}}/$CASCADE_IMAGE.tar.zst"
        ls -l {{Outgoing}}

        """;
}
