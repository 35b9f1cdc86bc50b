using Cascade.Changes;
using Cascade.Stacks;

namespace Cascade.Reports;

/// <summary>The Plan and Graph targets' output. What they produce goes to stdout, for a pipe
/// (`./build.sh Graph --format dot | dot -Tsvg`); what they say about it goes to the log (stderr).</summary>
/// <param name="colour">Whether the plan tree may be coloured: for a person at a terminal only.</param>
sealed class PlanReport(string rootDirectory, TextWriter output, TextWriter log, bool colour)
{
    /// <summary>`--plan-file -`: the plan's JSON is the product on stdout.</summary>
    public const string ToStandardOutput = "-";

    /// <summary>The plan as a tree; with <paramref name="planFile"/> also as JSON there (or on stdout, the tree then on the log).</summary>
    public void ShowPlan(BuildPlan plan, string? planFile)
    {
        var jsonToStdout = planFile == ToStandardOutput;
        new PlanTree(jsonToStdout ? log : output, log, colour && !jsonToStdout).Print(plan);
        if (planFile is null) return;
        if (jsonToStdout)
        {
            output.WriteLine(plan.ToJson());
            return;
        }
        var path = Path.GetFullPath(planFile, rootDirectory);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, plan.ToJson());
        log.WriteLine($"Plan written to {path}");
    }

    /// <summary>The whole stack as Mermaid or DOT, to stdout or <paramref name="outputFile"/>.</summary>
    public void WriteGraph(StackGraph graph, bool dot, string? outputFile)
    {
        var text = dot ? graph.ToDot() : graph.ToMermaid();
        if (outputFile is null) { output.Write(text); return; }
        var path = Path.GetFullPath(outputFile, rootDirectory);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        log.WriteLine($"Graph written to {path}");
    }
}
