using Cascade.Changes;
using Cascade.Stacks;

namespace Cascade.Workflows;

/// <summary>The GitHub Actions workflows: written from the same stack and graph the plan reads, checked for staleness,
/// and fed by the plan job through <see cref="PlanOutputs"/>.</summary>
sealed class WorkflowFiles(Func<SpecLoadResult> stack, string rootDirectory, string stackDirectory, TextWriter output, TextWriter log)
{
    IReadOnlyList<WorkflowFile> Expected() => WorkflowGenerator.Generate(stack().Spec, stack().Graph,
        new WorkflowOptions(
            Path.GetRelativePath(rootDirectory, stackDirectory).Replace('\\', '/'),
            HasTestScript: File.Exists(Path.Combine(rootDirectory, ".ci", "run"))));

    /// <summary>The GenerateWorkflows target.</summary>
    public void Write()
    {
        foreach (var file in Expected())
        {
            var path = Path.Combine(rootDirectory, file.Path);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, file.Text);
            log.WriteLine($"{file.Path}: {file.Text.Length / 1024.0:0.#} KB");
        }
    }

    /// <summary>The CheckWorkflows target.</summary>
    public void CheckCurrent()
    {
        var stale = WorkflowCheck.Stale(rootDirectory, Expected());
        if (stale.Count > 0)
            throw new InvalidOperationException(
                $"The workflows are not what {stack().Spec.File} makes now: {string.Join(", ", stale)}. " +
                "Run ./build.sh GenerateWorkflows and commit .github/workflows.");
        log.WriteLine("The workflows in .github/workflows are current.");
    }

    /// <summary>The PlanOutputs target: the plan's affected images as job outputs ($GITHUB_OUTPUT, else stdout).</summary>
    public void WritePlanOutputs(BuildPlan plan)
    {
        var text = PlanOutputs.Write(plan, stack().Spec, stack().Graph);
        if (Environment.GetEnvironmentVariable("GITHUB_OUTPUT") is { Length: > 0 } file) File.AppendAllText(file, text);
        else output.Write(text);
    }
}
