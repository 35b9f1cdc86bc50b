using Cascade.Stacks;

namespace Cascade.Workflows;

/// <summary>A workflow file as the generator writes it.</summary>
/// <param name="Path">Relative to the repository root, with '/'.</param>
internal sealed record WorkflowFile(string Path, string Text);

/// <summary>
/// Writes every workflow from the stack and its graph: build-test-push.yml with the image jobs, the reusable
/// cascade-image.yml they call, promote.yml, and ci.yml where the repository has a test script.
/// </summary>
internal static class WorkflowGenerator
{
    /// <summary>GitHub refuses a workflow file over 512,000 bytes; the jobs layout stays under this with room to spare.</summary>
    public const int MaxFileBytes = 470_000;

    public static IReadOnlyList<WorkflowFile> Generate(StackSpec spec, StackGraph graph, WorkflowOptions options)
    {
        var (layout, buildTestPush) = BuildTestPush(spec, graph, options);
        var files = new List<WorkflowFile>
        {
            File(BuildTestPushWorkflow.FileName, buildTestPush,
                $"Plans the affected images of {options.StackFolder}/spec.yml, then builds, tests and pushes each on its own runner ({Describe(layout, PlatformJobs.Needed(spec))})."),
            File(ImageWorkflow.FileName, ImageWorkflow.Create(spec, options.StackFolder, layout), "One image: build, test, push (called by build-test-push.yml)."),
            File(PromoteWorkflow.FileName, PromoteWorkflow.Create(spec, options), "Run by hand: GPU tests, then promote a tested tag to stable tags, then the wiki."),
        };
        if (PlatformJobs.Needed(spec))
            files.Insert(2, File(IndexWorkflow.FileName, IndexWorkflow.Create(spec, options.StackFolder),
                "One multi-platform image's index, once each of its platforms passed (called by build-test-push.yml)."));
        if (ActionlintConfig.Create(spec) is { } actionlint) files.Add(actionlint);
        if (options.HasTestScript)
            files.Add(File(TestSuiteWorkflow.FileName, TestSuiteWorkflow.Create(), "Cascade's own test suite, as .ci/run runs it on a fresh machine."));
        if (options.PacksCascade)
            files.Add(File(ReleaseWorkflow.FileName, ReleaseWorkflow.Create(),
                "On a tag v<version>: packs Cascade and cascade-setup and publishes them to NuGet (secret NUGET_API_KEY)."));
        return files;
    }

    /// <summary>The layout ci.layout asks for; `auto` takes one job per image while the file stays under
    /// <see cref="MaxFileBytes"/> (an exact critical path), else one matrix per depth.</summary>
    /// <param name="maxBytes">The size past which `auto` switches to matrices: <see cref="MaxFileBytes"/> (another only in tests
    /// of the switch itself).</param>
    public static (WorkflowLayout Layout, Workflow Workflow) BuildTestPush(StackSpec spec, StackGraph graph, WorkflowOptions options,
        int maxBytes = MaxFileBytes)
    {
        var platforms = PlatformJobs.Needed(spec);
        if (spec.Ci.Layout == WorkflowLayout.Matrix)
            return platforms
                ? throw PlatformJobs.MatrixRefused(spec, "ci.layout is matrix")
                : (WorkflowLayout.Matrix, BuildTestPushWorkflow.Create(spec, graph, options, WorkflowLayout.Matrix));
        // The size counts what is written: every platform job and merge job included.
        var jobs = BuildTestPushWorkflow.Create(spec, graph, options, WorkflowLayout.Jobs);
        var bytes = System.Text.Encoding.UTF8.GetByteCount(WorkflowYaml.Write(jobs));
        if (spec.Ci.Layout == WorkflowLayout.Jobs || bytes <= maxBytes)
            return (WorkflowLayout.Jobs, jobs);
        if (platforms)
            throw PlatformJobs.MatrixRefused(spec, $"{BuildTestPushWorkflow.FileName} would be {bytes / 1000} KB with one job per image and platform, " +
                                                   $"over the {maxBytes / 1000} KB that keep it under GitHub's limit");
        return (WorkflowLayout.Matrix, BuildTestPushWorkflow.Create(spec, graph, options, WorkflowLayout.Matrix));
    }

    private static string Describe(WorkflowLayout layout, bool platforms) =>
        layout == WorkflowLayout.Matrix ? "one matrix per depth"
        : platforms ? "one job per image, needs = its parents; per platform, then a merge job, for images with platforms"
        : "one job per image, needs = its parents";

    private static WorkflowFile File(string name, Workflow workflow, string comment) =>
        new($"{WorkflowOptions.Directory}/{name}", WorkflowYaml.Write(workflow, comment));
}
