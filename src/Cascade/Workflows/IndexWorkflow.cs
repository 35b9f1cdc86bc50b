using Cascade.Stacks;

namespace Cascade.Workflows;

/// <summary>
/// cascade-index.yml, the reusable workflow of a multi-platform image's merge job, called once every platform's
/// job succeeded: `./build.sh PushIndex --images NAME --no-descendants` finds each platform's image in the
/// registry by its fingerprint tag and writes the one index under the shared tags — or, when one is missing,
/// writes nothing and fails. A pull request publishes no shared tag (its platform jobs pushed their fingerprint tags
/// only, which their children's platform jobs find; a fork's pushed nothing), so there is nothing to merge: the job
/// only says so, and succeeds, so that the image's descendants build and test as they do for any parent.
/// </summary>
internal static class IndexWorkflow
{
    public const string FileName = "cascade-index.yml";

    private const string NotPullRequest = "github.event_name != 'pull_request'";

    public static Workflow Create(StackSpec spec, string stackFolder)
    {
        var registry = WorkflowOptions.Registry(spec);
        return new Workflow
        {
            Name = "cascade-index",
            On = new()
            {
                ["workflow_call"] = new Dictionary<string, object>
                {
                    ["inputs"] = new Dictionary<string, object>
                    {
                        ["image"] = WorkflowInputs.Input("The multi-platform image whose index to write", "string", required: true),
                    },
                },
            },
            Permissions = CommonSteps.ReadOnly(),
            Jobs = new()
            {
                ["index"] = new Job
                {
                    Name = "${{ inputs.image }} (index)",
                    RunsOn = WorkflowOptions.RunsOn(spec.Ci.Runner),
                    Permissions = CommonSteps.Pushing(),
                    TimeoutMinutes = 15,
                    Env = new()
                    {
                        ["CASCADE_IMAGE"] = "${{ inputs.image }}",
                        ["CASCADE_STACK"] = stackFolder,
                        ["CASCADE_REGISTRY"] = registry,
                    },
                    Steps =
                    [
                        new Step
                        {
                            Name = "A pull request publishes no shared tag: no index to write",
                            If = "github.event_name == 'pull_request'",
                            Run = "echo \"::notice::$CASCADE_IMAGE passed on every platform; a pull request publishes no shared tag, so there is no index to write\"\n",
                        },
                        CommonSteps.Checkout() with { If = NotPullRequest },
                        .. CascadeProgram.Steps(when: NotPullRequest),
                        CommonSteps.Login(registry) with { If = NotPullRequest },
                        new Step
                        {
                            Name = "Write the index of every platform's image under the shared tags",
                            If = NotPullRequest,
                            // --base-ref HEAD: no git changes of its own; exactly the one image, at the commit its platforms were built from.
                            Run = "./build.sh PushIndex --stack \"$CASCADE_STACK\" --images \"$CASCADE_IMAGE\" --no-descendants --base-ref HEAD --registry \"$CASCADE_REGISTRY\"\n",
                        },
                        // The image is published here, as one tag for every platform: its ledger entry goes from here to the wiki job.
                        WikiJob.UploadEntry("${{ inputs.image }}") with { If = $"always() && {NotPullRequest}" },
                    ],
                },
            },
        };
    }
}
