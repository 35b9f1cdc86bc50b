using Cascade.Stacks;

namespace Cascade.Workflows;

/// <summary>
/// The plan job of build-test-push.yml: checks that the committed workflows are current, then runs
/// `./build.sh Plan PlanOutputs` against the right base for the event and exposes the affected images as
/// job outputs. Event data reaches the script through env:, never as ${{ }} inside run:.
/// </summary>
internal static class PlanJob
{
    public const string Id = "plan";

    /// <summary>The plan job's artifact: its logs and plan.json (read back by a fork's image jobs, see <see cref="ForkHandOver"/>).</summary>
    public const string Artifact = "cascade-plan";

    public static Job Create(StackSpec spec, WorkflowOptions options, IReadOnlyList<MatrixSlice>? slices)
    {
        var outputs = new Dictionary<string, string>
        {
            ["images"] = "${{ steps.plan.outputs.images }}",
            ["count"] = "${{ steps.plan.outputs.count }}",
        };
        foreach (var slice in slices ?? []) outputs[slice.Output] = $"${{{{ steps.plan.outputs.{slice.Output} }}}}";
        return new Job
        {
            Name = "Plan",
            RunsOn = WorkflowOptions.RunsOn(spec.Ci.Runner),
            Permissions = CommonSteps.ReadOnly(),
            TimeoutMinutes = 15,
            Outputs = outputs,
            Steps =
            [
                CommonSteps.Checkout(fullHistory: true),
                // The job that compiles Cascade when the cache does not have it yet; every later job restores it.
                .. CascadeProgram.Steps(nuget: true),
                new Step
                {
                    Name = "Plan the affected images",
                    Id = "plan",
                    Env = new()
                    {
                        ["CASCADE_STACK"] = options.StackFolder,
                        ["CASCADE_EVENT"] = "${{ github.event_name }}",
                        ["CASCADE_BEFORE"] = "${{ github.event.before }}",
                        ["CASCADE_PR_BASE"] = "${{ github.event.pull_request.base.sha }}",
                        ["CASCADE_INPUT_IMAGES"] = "${{ inputs.images }}",
                        ["CASCADE_INPUT_ALL"] = "${{ inputs.all }}",
                    },
                    Run = Script,
                },
                CommonSteps.UploadArtifacts(Artifact),
            ],
        };
    }

    // The base per event: a push plans what it brought (github.event.before..HEAD). With nothing to compare with —
    // the default branch's first push, in a new repository (GitHub sends an all-zero `before`), or a force push
    // whose `before` git no longer has — it plans every image, as it does for a tag: each is built where its
    // fingerprint is new and found in the registry (and tagged there) where it is not. A pull request plans
    // against its base; a dispatch does exactly what its inputs say (--images plans
    // those images and their descendants, not git's changes), or the last commit when they say nothing;
    // both schedules plan every image (the image jobs reuse or not, by the cron that fired; see Schedules).
    private const string Script = """
        set -euo pipefail
        args=(--stack "$CASCADE_STACK" --plan-file artifacts/plan.json)
        case "$CASCADE_EVENT" in
          pull_request)
            args+=(--base-ref "$CASCADE_PR_BASE") ;;
          push)
            if [[ "$GITHUB_REF" == refs/tags/* ]]; then
              args+=(--all)
            elif [[ "$CASCADE_BEFORE" =~ ^0+$ ]] || ! git cat-file -e "$CASCADE_BEFORE^{commit}" 2>/dev/null; then
              echo "::notice::nothing to compare $GITHUB_REF_NAME with (its first push, or a force push): planning every image, each built only where its fingerprint is new"
              args+=(--all)
            else
              args+=(--base-ref "$CASCADE_BEFORE")
            fi ;;
          schedule)
            args+=(--all) ;;
          workflow_dispatch)
            if [[ "$CASCADE_INPUT_ALL" == true ]]; then
              args+=(--all)
            elif [[ -n "$CASCADE_INPUT_IMAGES" ]]; then
              read -ra names <<< "$CASCADE_INPUT_IMAGES"
              args+=(--images "${names[@]}")
            fi ;;
        esac
        ./build.sh CheckWorkflows Plan PlanOutputs "${args[@]}"

        """;
}
