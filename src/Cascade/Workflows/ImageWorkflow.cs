using Cascade.Stacks;

namespace Cascade.Workflows;

/// <summary>
/// cascade-image.yml, the reusable workflow every image job calls (as jupyter/docker-stacks'
/// docker-build-test-upload.yml): on its own runner, `./build.sh Push --images NAME --no-descendants`.
/// Parents come from the registry: the child's build finds them there by their fingerprint tags. A pull request
/// pushes those tags only (--fingerprint-tags-only); a fork's pull request, which may not push, runs Test and hands
/// images to its children as artifacts instead (<see cref="ForkHandOver"/>).
/// In the matrix layout a job cannot `needs` one image of the matrix before, so each image marks itself done
/// with a small artifact and waits for its affected parents' marks instead.
/// </summary>
internal static class ImageWorkflow
{
    public const string FileName = "cascade-image.yml";
    public const string DoneMarks = ".cascade/done";

    public static Workflow Create(StackSpec spec, string stackFolder, WorkflowLayout layout)
    {
        var registry = WorkflowOptions.Registry(spec);
        var matrix = layout == WorkflowLayout.Matrix;
        var platforms = PlatformJobs.Needed(spec);
        var ready = matrix ? Ready : null;
        var steps = new List<Step>();
        if (platforms) steps.Add(ArtifactName());
        if (spec.Ci.FreeDiskSpace) steps.Add(RunnerDisk.FreeSpace());
        steps.Add(CommonSteps.Checkout());
        steps.AddRange(CascadeProgram.Steps());
        steps.Add(CommonSteps.InstallTestTools());
        if (matrix) steps.AddRange(AwaitParents());
        // A fork's pull request has no secrets and a read-only token: it logs in nowhere (and pushes nothing).
        steps.Add(CommonSteps.Login(registry) with { If = ready is null ? ForkHandOver.NotFork : $"{ForkHandOver.NotFork} && {ready}" });
        steps.AddRange(ForkHandOver.LoadParents(ready));
        steps.Add(new Step
        {
            Name = "Build, test and push the image (a pull request: its fingerprint tag only; a fork's: nothing)",
            If = ready,
            // --base-ref HEAD: no git changes of its own; this job does exactly the image(s) the plan job gave it.
            Env = new()
            {
                ["CASCADE_STAGE"] = $"${{{{ {ForkHandOver.IsFork} && 'Test' || 'Push' }}}}",
                ["CASCADE_IMAGES"] = "${{ inputs.images || inputs.image }}",
            },
            Run = "read -ra images <<< \"$CASCADE_IMAGES\"\n" +
                  "./build.sh \"$CASCADE_STAGE\" --stack \"$CASCADE_STACK\" --images \"${images[@]}\" --no-descendants --base-ref HEAD " +
                  $"--registry \"$CASCADE_REGISTRY\" --results-file {ForkHandOver.ResultsFile}\n",
        });
        steps.AddRange(DiffJob.ImageSteps(ready, platforms));
        steps.AddRange(ForkHandOver.SaveImage(ready));
        if (matrix) steps.AddRange(MarkDone());
        steps.Add(CommonSteps.UploadArtifacts(platforms ? "${{ steps.artifact.outputs.name }}" : "cascade-${{ inputs.image }}"));
        // A platform's job pushes no shared tag and leaves no entry: the image's index job records the image. An image
        // without platforms, in a stack where others have them, is called with no platform: its job records it.
        var entry = WikiJob.UploadEntry("${{ inputs.image }}");
        steps.Add(platforms ? entry with { If = "always() && inputs.platform == ''" } : entry);
        var env = new Dictionary<string, string>
        {
            ["CASCADE_IMAGE"] = "${{ inputs.image }}",
            ["CASCADE_STACK"] = stackFolder,
            ["CASCADE_REGISTRY"] = registry,
            [ForkHandOver.Variable] = ForkHandOver.Expression,
            // Read by ./build.sh as parameters (a parameter is also an environment variable), worked out here from the
            // event, not passed by each caller job: that line would cost every image job of a big stack (see MaxFileBytes).
            // A pull request pushes its images' fingerprint tags only (a fork's pushes nothing), so later jobs find them.
            ["FINGERPRINT_TAGS_ONLY"] = "${{ github.event_name == 'pull_request' }}",
            // The full refresh (its own cron) and a dispatch that asks for it build without reuse; the daily schedule reuses.
            ["NO_REUSE"] = $"${{{{ {Schedules.IsRefresh(spec)} || github.event.inputs.no-reuse == 'true' }}}}",
            ["REFRESH_BASES"] = $"${{{{ {Schedules.IsRefresh(spec)} }}}}",
        };
        // Read as --platform: this job does that platform only (empty, as for an image without platforms: every platform).
        if (platforms) env["ONLY_PLATFORM"] = "${{ inputs.platform }}";

        return new Workflow
        {
            Name = "cascade-image",
            On = new() { ["workflow_call"] = new Dictionary<string, object> { ["inputs"] = Inputs(spec) } },
            Permissions = CommonSteps.ReadOnly(),
            Jobs = new()
            {
                ["image"] = new Job
                {
                    Name = platforms ? "${{ inputs.platform && format('{0} ({1})', inputs.image, inputs.platform) || inputs.image }}" : "${{ inputs.image }}",
                    RunsOn = platforms ? "${{ fromJSON(inputs.runs-on) }}" : WorkflowOptions.RunsOn(spec.Ci.Runner),
                    Permissions = CommonSteps.Pushing(),
                    TimeoutMinutes = "${{ inputs.timeout-minutes }}",
                    Env = env,
                    Steps = steps,
                },
            },
        };
    }

    /// <summary>A registry other than ghcr.io logs in with the repository's REGISTRY_USERNAME/REGISTRY_PASSWORD
    /// secrets, which a reusable workflow sees only when the caller passes them on.</summary>
    public static string? Secrets(StackSpec spec) =>
        WorkflowOptions.Registry(spec) == CiSettings.DefaultRegistry ? null : "inherit";

    /// <summary>The job's limit in minutes: the image's `timeout` (build and tests), else ci.timeout.</summary>
    public static int TimeoutMinutes(StackSpec spec, string image) =>
        (int)Math.Ceiling((spec[image].Timeout ?? spec.Ci.Timeout).TotalMinutes);

    private const string Ready = "steps.parents.outputs.ready == 'true'";

    private static Dictionary<string, object> Inputs(StackSpec spec)
    {
        var inputs = new Dictionary<string, object>
        {
            ["image"] = WorkflowInputs.Input("The image to build, test and push", "string", required: true),
            ["images"] = WorkflowInputs.Input("Several images at once (space-separated), each found in the registry by its fingerprint " +
                                              "(the drift check's images left out of the plan); `image` then names only the job and its artifacts", "string", defaultValue: ""),
            ["parents"] = WorkflowInputs.Input("Matrix layout: the affected parents (space-separated) that must have succeeded", "string", defaultValue: ""),
            ["timeout-minutes"] = WorkflowInputs.Input("The job's time limit", "number", defaultValue: (int)Math.Ceiling(spec.Ci.Timeout.TotalMinutes)),
        };
        if (!PlatformJobs.Needed(spec)) return inputs;
        inputs["platform"] = WorkflowInputs.Input("Only this platform of a multi-platform image (its own tags, no index); empty: the whole image", "string", defaultValue: "");
        inputs["runs-on"] = WorkflowInputs.Input("The runner labels, as a JSON list", "string",
            defaultValue: System.Text.Json.JsonSerializer.Serialize(spec.Ci.Runner));
        return inputs;
    }

    /// <summary>Artifact names must be unique in a run and hold no '/': the image, and its platform as `-os-arch`.</summary>
    private static Step ArtifactName() => new()
    {
        Name = "Name the artifacts after the image and its platform",
        Id = "artifact",
        Run = "echo \"name=cascade-$CASCADE_IMAGE${ONLY_PLATFORM:+-${ONLY_PLATFORM//\\//-}}\" >> \"$GITHUB_OUTPUT\"\n",
    };


    private static IEnumerable<Step> AwaitParents() =>
    [
        new Step
        {
            Name = "Fetch the done marks of the images before",
            If = "inputs.parents != ''",
            Uses = PinnedActions.DownloadArtifact.Uses,
            With = new() { ["pattern"] = "cascade-done-*", ["path"] = DoneMarks, ["merge-multiple"] = true },
        },
        new Step
        {
            Name = "Check that every affected parent succeeded",
            Id = "parents",
            Env = new() { ["CASCADE_PARENTS"] = "${{ inputs.parents }}" },
            Run = $$"""
                for parent in $CASCADE_PARENTS; do
                  if [ ! -e "{{DoneMarks}}/$parent" ]; then
                    echo "::notice::$CASCADE_IMAGE is skipped: its parent $parent did not succeed"
                    echo "ready=false" >> "$GITHUB_OUTPUT"
                    exit 0
                  fi
                done
                echo "ready=true" >> "$GITHUB_OUTPUT"

                """,
        },
    ];

    private static IEnumerable<Step> MarkDone() =>
    [
        new Step
        {
            Name = "Mark the image done",
            If = Ready,
            Run = $"mkdir -p {DoneMarks}-out\ntouch \"{DoneMarks}-out/$CASCADE_IMAGE\"\n",
        },
        new Step
        {
            Name = "Upload the done mark",
            If = Ready,
            Uses = PinnedActions.UploadArtifact.Uses,
            With = new() { ["name"] = "cascade-done-${{ inputs.image }}", ["path"] = $"{DoneMarks}-out/", ["retention-days"] = 1 },
        },
    ];
}
