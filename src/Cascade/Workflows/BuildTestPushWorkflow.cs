using Cascade.Stacks;

namespace Cascade.Workflows;

/// <summary>
/// build-test-push.yml: the plan job, then the image jobs mirroring the DAG — one job per image whose
/// `needs` are its parents' jobs, or one matrix per depth. Either way an image runs only when the plan
/// affects it and none of its affected parents failed or was skipped; an unaffected parent is skipped
/// without blocking it (its image is in the registry already), and a failure skips only what lies below it.
/// </summary>
internal static class BuildTestPushWorkflow
{
    public const string FileName = "build-test-push.yml";

    public static Workflow Create(StackSpec spec, StackGraph graph, WorkflowOptions options, WorkflowLayout layout)
    {
        var slices = layout == WorkflowLayout.Matrix ? MatrixSlices.Of(graph) : null;
        var jobs = new Dictionary<string, Job> { [PlanJob.Id] = PlanJob.Create(spec, options, slices) };
        if (slices is null) AddImageJobs(jobs, spec, graph);
        else AddMatrixJobs(jobs, spec, slices);
        jobs[ReusedJob.Id] = ReusedJob.Create(spec);
        var imageJobs = jobs.Keys.ToList();
        // Last, after every job the layout made (whatever their names): the run's one entry in the wiki's ledger.
        jobs[WikiJob.Id] = WikiJob.Create(spec, options, imageJobs);
        // Beside it, not before it: the wiki need not wait for signatures and SBOMs.
        if (SigningJob.Needed(spec)) jobs[SigningJob.Id] = SigningJob.Create(spec, imageJobs);
        jobs[DiffJob.Id] = DiffJob.Create(spec, options);
        return new Workflow
        {
            Name = "build-test-push",
            On = Triggers(spec),
            Permissions = CommonSteps.ReadOnly(),
            Concurrency = new Concurrency(
                "${{ github.workflow }}-${{ github.event.pull_request.number || github.ref }}",
                // A newer push to a pull request makes its older run pointless; main and the schedule queue instead,
                // so a push in flight is never cut off.
                "${{ github.event_name == 'pull_request' }}"),
            Jobs = jobs,
        };
    }

    private static Dictionary<string, object> Triggers(StackSpec spec) => new()
    {
        // The default branch and tags; any other branch runs through its pull request, so a branch with an open
        // pull request is not built twice (once for the push, once for the pull request).
        ["push"] = new Dictionary<string, object> { ["branches"] = new[] { spec.Ci.DefaultBranch }, ["tags"] = new[] { "**" } },
        ["pull_request"] = new Dictionary<string, object>(),
        ["workflow_dispatch"] = new Dictionary<string, object>
        {
            ["inputs"] = new Dictionary<string, object>
            {
                ["images"] = WorkflowInputs.Input("Only these images and their descendants (space-separated), not what git changed", "string", defaultValue: ""),
                ["all"] = WorkflowInputs.Input("Every image", "boolean", defaultValue: false),
                ["no-reuse"] = WorkflowInputs.Input("Rebuild even images whose fingerprint the registry has", "boolean", defaultValue: false),
            },
        },
        ["schedule"] = Schedules.Triggers(spec),
    };


    private const string Affected = "fromJSON(needs.plan.outputs.images)";

    private static void AddImageJobs(Dictionary<string, Job> jobs, StackSpec spec, StackGraph graph)
    {
        var ids = new JobIds(graph.Images);
        foreach (var image in graph.Images)
        {
            var parents = graph.Parents(image).ToList();
            // A parent either succeeded in this run, or was not affected (then the registry has it).
            var parentsReady = parents.Select(p => $" && (needs.{ids[p]}.result == 'success' || !contains({Affected}, '{p}'))");
            var with = new Dictionary<string, object> { ["image"] = image };
            // Most images have no timeout of their own: the reusable workflow's default (ci.timeout) applies.
            if (spec[image].Timeout is not null) with["timeout-minutes"] = ImageWorkflow.TimeoutMinutes(spec, image);
            // No name: the job id says the image, and each byte counts 1,000 times in a big stack (see MaxFileBytes).
            var job = new Job
            {
                Needs = [PlanJob.Id, .. parents.Select(p => ids[p])],
                If = $"${{{{ !cancelled() && needs.plan.result == 'success' && contains({Affected}, '{image}'){string.Concat(parentsReady)} }}}}",
                Permissions = CommonSteps.Pushing(),
                Uses = $"./{WorkflowOptions.Directory}/{ImageWorkflow.FileName}",
                With = with,
                Secrets = ImageWorkflow.Secrets(spec),
            };
            // An image with platforms: this job once per platform, then its merge job under the image's id.
            if (spec[image].Platforms.Count == 0) jobs[ids[image]] = job;
            else PlatformJobs.Add(jobs, spec, ids, image, job, ids[image]);
        }
    }

    private static void AddMatrixJobs(Dictionary<string, Job> jobs, StackSpec spec, IReadOnlyList<MatrixSlice> slices)
    {
        foreach (var slice in slices)
        {
            var before = slices.Where(s => s.Depth == slice.Depth - 1).Select(s => s.JobId);
            jobs[slice.JobId] = new Job
            {
                Name = $"depth {slice.Depth} ({slice.Part + 1})",
                Needs = [PlanJob.Id, .. before],
                If = $"${{{{ !cancelled() && needs.plan.result == 'success' && needs.plan.outputs.{slice.Output} != '[]' }}}}",
                Permissions = CommonSteps.Pushing(),
                Strategy = new Strategy
                {
                    FailFast = false,
                    Matrix = new() { ["include"] = $"${{{{ fromJSON(needs.plan.outputs.{slice.Output}) }}}}" },
                },
                Uses = $"./{WorkflowOptions.Directory}/{ImageWorkflow.FileName}",
                With = new()
                {
                    ["image"] = "${{ matrix.image }}",
                    ["parents"] = "${{ matrix.parents }}",
                    ["timeout-minutes"] = "${{ matrix.timeout }}",
                },
                Secrets = ImageWorkflow.Secrets(spec),
            };
        }
    }
}
