using Cascade.Reports;

namespace Cascade;

/// <summary>The Plan and Graph targets' work. What they produce goes to stdout, for a pipe
/// (`./build.sh Graph --format dot | dot -Tsvg`); what they say about it goes to Out (stderr).</summary>
partial class CascadeBuild
{
    /// <summary>`--plan-file -`: the plan's JSON is the product on stdout.</summary>
    const string ToStandardOutput = "-";

    void ShowPlan()
    {
        var jsonToStdout = PlanFile == ToStandardOutput;
        new PlanTree(jsonToStdout ? Out : StandardOutput, Out, UseColour && !jsonToStdout).Print(CurrentPlan);
        if (PlanFile is null) return;
        if (jsonToStdout)
        {
            StandardOutput.WriteLine(CurrentPlan.ToJson());
            return;
        }
        var path = Path.GetFullPath(PlanFile, RootDirectory);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, CurrentPlan.ToJson());
        Out.WriteLine($"Plan written to {path}");
    }

    void WriteGraph()
    {
        var text = Format == GraphFormat.Dot ? Loaded.Graph.ToDot() : Loaded.Graph.ToMermaid();
        if (Output is null) { StandardOutput.Write(text); return; }
        var path = Path.GetFullPath(Output, RootDirectory);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        Out.WriteLine($"Graph written to {path}");
    }

    // Colour only for a person at a terminal; CI logs and files get plain text.
    bool UseColour => IsLocalBuild && !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null;
}
