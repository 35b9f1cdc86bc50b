using Cascade.Workflows;

namespace Cascade;

/// <summary>The GitHub Actions workflows: written from the same stack and graph the plan reads, checked for
/// staleness, and fed by the plan job through PlanOutputs.</summary>
partial class CascadeBuild
{
    IReadOnlyList<WorkflowFile> ExpectedWorkflows() => WorkflowGenerator.Generate(Loaded.Spec, Loaded.Graph,
        new WorkflowOptions(
            Path.GetRelativePath(RootDirectory, StackDirectory).Replace('\\', '/'),
            HasTestScript: File.Exists(Path.Combine(RootDirectory, ".ci", "run")),
            PacksCascade: ReleaseWorkflow.PackedProjects.All(p => File.Exists(Path.Combine(RootDirectory, p)))));

    void WriteWorkflows()
    {
        foreach (var file in ExpectedWorkflows())
        {
            var path = Path.Combine(RootDirectory, file.Path);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, file.Text);
            Out.WriteLine($"{file.Path}: {file.Text.Length / 1024.0:0.#} KB");
        }
    }

    void CheckWorkflowsCurrent()
    {
        var stale = WorkflowCheck.Stale(RootDirectory, ExpectedWorkflows());
        if (stale.Count > 0)
            throw new InvalidOperationException(
                $"The workflows are not what {Loaded.Spec.File} and Cascade {ProductVersion.Text} make now: {string.Join(", ", stale)}. " +
                "Run ./build.sh GenerateWorkflows and commit .github/workflows.");
        Out.WriteLine("The workflows in .github/workflows are current.");
    }

    void WritePlanOutputs()
    {
        var text = Cascade.Workflows.PlanOutputs.Write(CurrentPlan, Loaded.Spec, Loaded.Graph);
        if (Environment.GetEnvironmentVariable("GITHUB_OUTPUT") is { Length: > 0 } file) File.AppendAllText(file, text);
        else StandardOutput.Write(text);
    }
}
