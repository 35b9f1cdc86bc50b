using Cascade.Stacks;

namespace Cascade.Workflows;

/// <summary>
/// promote.yml, run by hand (as DataHub's tag.yml and test_gpu.yml): the GPU tests of the images at the
/// given tag on a GPU runner (`./build.sh TestGpu --from-tag T`) gate the promotion (`./build.sh Promote
/// --from-tag T --to-tag A B`, all or nothing; it writes the ledger and the pages), after which the wiki is pushed. Dispatch inputs reach the scripts through env:.
/// </summary>
internal static class PromoteWorkflow
{
    public const string FileName = "promote.yml";

    public static Workflow Create(StackSpec spec, WorkflowOptions options)
    {
        var registry = WorkflowOptions.Registry(spec);
        var env = new Dictionary<string, string>
        {
            ["CASCADE_STACK"] = options.StackFolder,
            ["CASCADE_REGISTRY"] = registry,
            ["CASCADE_FROM_TAG"] = "${{ inputs.from-tag }}",
            ["CASCADE_TO_TAGS"] = "${{ inputs.to-tags }}",
            ["CASCADE_IMAGES"] = "${{ inputs.images }}",
            ["CASCADE_DRY_RUN"] = "${{ inputs.dry-run }}",
        };
        return new Workflow
        {
            Name = "promote",
            On = new() { ["workflow_dispatch"] = new Dictionary<string, object> { ["inputs"] = Inputs() } },
            Permissions = CommonSteps.ReadOnly(),
            Concurrency = new Concurrency("${{ github.workflow }}", false),
            Env = env,
            Jobs = new()
            {
                ["gpu-test"] = new Job
                {
                    Name = "GPU tests",
                    If = "${{ !inputs.skip-gpu-tests }}",
                    RunsOn = WorkflowOptions.RunsOn(spec.Ci.GpuRunner),
                    Permissions = CommonSteps.ReadOnly(),
                    TimeoutMinutes = (int)Math.Ceiling(spec.Ci.Timeout.TotalMinutes),
                    Steps =
                    [
                        CommonSteps.Checkout(), .. CascadeProgram.Steps(), CommonSteps.InstallTestTools(), CommonSteps.Login(registry),
                        Run("Test the images at the tag on the GPU",
                            "./build.sh TestGpu --stack \"$CASCADE_STACK\" --registry \"$CASCADE_REGISTRY\" --from-tag \"$CASCADE_FROM_TAG\" \"${images[@]}\""),
                        CommonSteps.UploadArtifacts(GpuTestArtifact),
                    ],
                },
                ["promote"] = new Job
                {
                    Name = "Promote, then the wiki",
                    Needs = ["gpu-test"],
                    // GPU tests passed, or were skipped on purpose: never after a failed or cancelled test.
                    If = "${{ !cancelled() && (needs.gpu-test.result == 'success' || (inputs.skip-gpu-tests && needs.gpu-test.result == 'skipped')) }}",
                    RunsOn = WorkflowOptions.RunsOn(spec.Ci.Runner),
                    // Re-tagging writes packages; the wiki (the ledger and the pages) is pushed with contents: write.
                    Permissions = new() { ["contents"] = "write", ["packages"] = "write" },
                    TimeoutMinutes = 30,
                    Steps =
                    [
                        CommonSteps.Checkout(), CommonSteps.WikiCheckout(), .. CascadeProgram.Steps(), CommonSteps.Login(registry),
                        new Step
                        {
                            Name = "Download the GPU test run's ledger entry",
                            If = "needs.gpu-test.result == 'success'",
                            Uses = PinnedActions.DownloadArtifact.Uses,
                            With = new() { ["name"] = GpuTestArtifact, ["path"] = GpuEntries },
                        },
                        // The GPU runner had no wiki: its passed run enters the wiki's ledger here, where the gate reads it.
                        Run("Record the GPU test run in the wiki's ledger", $"mkdir -p {GpuEntries}\n./build.sh RecordEntries {Common} --from {GpuEntries}"),
                        Run("Promote the tag",
                            "read -ra to_tags <<< \"$CASCADE_TO_TAGS\"\n" +
                            "dry=(); [[ \"$CASCADE_DRY_RUN\" == true ]] && dry=(--dry-run)\n" +
                            $"./build.sh Promote {Common} --from-tag \"$CASCADE_FROM_TAG\" --to-tag \"${{to_tags[@]}}\" \"${{dry[@]}}\" \"${{images[@]}}\""),
                        new Step
                        {
                            Name = "Publish the wiki", If = NotDryRun,
                            // Promote wrote the ledger and the pages; should a build's wiki job push first, both entries are recorded
                            // again (from the files they left) on top of the wiki as it is then.
                            Run = WikiJob.RecordAndPublishScript($"./build.sh RecordEntries {Common} --from {GpuEntries} artifacts",
                                "Promote $CASCADE_FROM_TAG to $CASCADE_TO_TAGS"),
                        },
                        CommonSteps.UploadArtifacts("cascade-promote"),
                    ],
                },
            },
        };
    }

    private const string GpuTestArtifact = "cascade-gpu-test";
    private const string GpuEntries = ".cascade/gpu-test";
    private const string Common = "--stack \"$CASCADE_STACK\" --registry \"$CASCADE_REGISTRY\" --wiki wiki";
    private const string NotDryRun = "${{ !inputs.dry-run }}";

    private static Step Run(string name, string command) => new()
    {
        Name = name,
        Run = "set -euo pipefail\nimages=(); [[ -n \"$CASCADE_IMAGES\" ]] && read -ra names <<< \"$CASCADE_IMAGES\" && images=(--images \"${names[@]}\")\n" + command + "\n",
    };

    private static Dictionary<string, object> Inputs() => new()
    {
        ["from-tag"] = WorkflowInputs.Input("The tested tag to promote, e.g. 2024.4-main", "string", required: true),
        ["to-tags"] = WorkflowInputs.Input("The tags to give it (space-separated), e.g. 2024.4-stable stable", "string", required: true),
        ["images"] = WorkflowInputs.Input("Only these images (space-separated); default: every image of the stack", "string", defaultValue: ""),
        ["dry-run"] = WorkflowInputs.Input("Show what would be tagged, tag nothing", "boolean", defaultValue: false),
        ["skip-gpu-tests"] = WorkflowInputs.Input("Promote without running the GPU tests now (only when the GPU runner is unavailable): an image with gpu_tests still needs a passed GPU run of its digest in the ledger", "boolean", defaultValue: false),
    };

}
