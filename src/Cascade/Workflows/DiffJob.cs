using Cascade.Stacks;

namespace Cascade.Workflows;

/// <summary>
/// What a pull request does to each image (`./build.sh Diff`): each image job compares the image it made with the one
/// it replaces and leaves its part (diff.json) in an artifact of its own; the last job of build-test-push merges them,
/// writes the whole report to the job summary and, for a pull request from the repository itself, keeps one comment on
/// it up to date (Cascade edits it in place through GitHub's REST API). A fork's pull request gets the summary only: its
/// token may not write, and nothing it runs should. Pull requests only: on the default branch the image pushed is the
/// one its tag names, so there is nothing to compare it with.
/// </summary>
internal static class DiffJob
{
    public const string Id = "diff";
    public const string PartArtifact = "cascade-diff-";
    public const string Downloads = ".cascade/diff";
    private const string OnPullRequest = "github.event_name == 'pull_request'";

    /// <summary>The image job's steps, after its Push (or a fork's Test): its part of the report, and its upload.</summary>
    /// <param name="platforms">The stack has multi-platform images: a platform's job (`inputs.platform`) compares nothing,
    /// since Diff compares whole images and leaves one platform's rows out; an image without platforms still does.</param>
    public static IEnumerable<Step> ImageSteps(string? ready, bool platforms)
    {
        var when = platforms ? $"{OnPullRequest} && inputs.platform == ''" : OnPullRequest;
        return Steps(ready is null ? when : $"{when} && {ready}", when);
    }

    private static IEnumerable<Step> Steps(string compareIf, string uploadIf) =>
    [
        new Step
        {
            Name = "Compare the image with the one it replaces (a pull request)",
            If = compareIf,
            // --base-ref HEAD: the images spec.yml no longer has are the last job's to name (it has the history).
            Run = "./build.sh Diff --stack \"$CASCADE_STACK\" --base-ref HEAD --registry \"$CASCADE_REGISTRY\"\n",
        },
        new Step
        {
            Name = "Upload its part of the report",
            If = uploadIf,
            Uses = PinnedActions.UploadArtifact.Uses,
            With = new() { ["name"] = PartArtifact + "${{ inputs.image }}", ["path"] = "artifacts/**/diff.json", ["if-no-files-found"] = "ignore" },
        },
    ];

    public static Job Create(StackSpec spec, WorkflowOptions options) => new()
    {
        Name = "What the pull request does to each image",
        // After the wiki job, which needs every image job whatever the layout names them (and is skipped on a pull
        // request once they are all done): their ids are not listed twice, each byte counting 1,000 times in a big stack.
        Needs = [PlanJob.Id, WikiJob.Id],
        If = $"${{{{ always() && {OnPullRequest} && needs.{PlanJob.Id}.result == 'success' && needs.{PlanJob.Id}.outputs.count != '0' }}}}",
        RunsOn = WorkflowOptions.RunsOn(spec.Ci.Runner),
        Permissions = new() { ["contents"] = "read", ["pull-requests"] = "write" },
        TimeoutMinutes = 15,
        Env = new() { ["CASCADE_STACK"] = options.StackFolder },
        Steps =
        [
            // The whole history: the pull request's base names the images spec.yml no longer has.
            CommonSteps.Checkout(fullHistory: true), .. CascadeProgram.Steps(),
            new Step
            {
                Name = "Download the image jobs' parts of the report",
                Uses = PinnedActions.DownloadArtifact.Uses,
                With = new() { ["pattern"] = PartArtifact + "*", ["path"] = Downloads },
            },
            new Step
            {
                Name = "Write the report to the job summary and the pull request's one comment",
                Env = new()
                {
                    ["CASCADE_PR_BASE"] = "${{ github.event.pull_request.base.sha }}",
                    ["CASCADE_PR"] = "${{ github.event.pull_request.number }}",
                    ["CASCADE_SAME_REPOSITORY"] = "${{ github.event.pull_request.head.repo.full_name == github.repository }}",
                    ["GITHUB_TOKEN"] = "${{ github.token }}",
                },
                Run = $"""
                    mkdir -p {Downloads}
                    args=(--stack "$CASCADE_STACK" --from {Downloads} --base-ref "$CASCADE_PR_BASE")
                    # A fork's pull request: the summary only (its token may not write to the pull request).
                    if [[ "$CASCADE_SAME_REPOSITORY" == true ]]; then args+=(--pull-request "$CASCADE_PR"); fi
                    ./build.sh Diff "${"{"}args[@]{"}"}"

                    """,
            },
        ],
    };
}
