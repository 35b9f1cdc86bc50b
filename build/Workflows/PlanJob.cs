using Cascade.Stacks;

namespace Cascade.Workflows;

/// <summary>
/// The plan job of build-test-push.yml: checks that the committed workflows are current, then runs
/// `./build.sh Plan PlanOutputs` against the right base for the event and exposes the affected images as
/// job outputs. Event data reaches the script through env:, never as ${{ }} inside run:.
/// </summary>
public static class PlanJob
{
    public const string Id = "plan";

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
                CommonSteps.SetupDotnet(),
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
                        ["CASCADE_DEFAULT_BRANCH"] = spec.Ci.DefaultBranch,
                        ["CASCADE_INPUT_IMAGES"] = "${{ inputs.images }}",
                        ["CASCADE_INPUT_ALL"] = "${{ inputs.all }}",
                    },
                    Run = Script,
                },
                CommonSteps.UploadArtifacts("cascade-plan"),
            ],
        };
    }

    // The base per event: a push plans what it brought (github.event.before..HEAD); a branch's first push
    // has an all-zero `before`, and a force push one git no longer has: then everything since the default
    // branch. A pull request plans against its base; a dispatch does exactly what its inputs say (--images plans
    // those images and their descendants, not git's changes), or the last commit when they say nothing; the weekly
    // schedule plans everything (its image jobs rebuild without reuse).
    private const string Script = """
        set -euo pipefail
        args=(--stack "$CASCADE_STACK" --plan-file artifacts/plan.json)
        since_default_branch() {
          if base=$(git merge-base "origin/$CASCADE_DEFAULT_BRANCH" HEAD 2>/dev/null); then
            args+=(--base-ref "$base")
          else
            echo "::notice::no origin/$CASCADE_DEFAULT_BRANCH to compare with: planning every image"
            args+=(--all)
          fi
        }
        case "$CASCADE_EVENT" in
          pull_request)
            args+=(--base-ref "$CASCADE_PR_BASE") ;;
          push)
            if [[ "$CASCADE_BEFORE" =~ ^0+$ ]] || ! git cat-file -e "$CASCADE_BEFORE^{commit}" 2>/dev/null; then
              since_default_branch
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
