using Cascade.Reports;

/// <summary>The Plan and Graph targets' work.</summary>
partial class CascadeBuild
{
    void ShowPlan()
    {
        new PlanTree(Out, UseColour).Print(CurrentPlan);
        if (PlanFile is not null)
        {
            var path = Path.GetFullPath(PlanFile, RootDirectory);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, CurrentPlan.ToJson());
            Out.WriteLine($"Plan written to {path}");
        }
    }

    void WriteGraph()
    {
        var text = Format == GraphFormat.Dot ? Loaded.Graph.ToDot() : Loaded.Graph.ToMermaid();
        if (Output is null) { Out.Write(text); return; }
        var path = Path.GetFullPath(Output, RootDirectory);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        Out.WriteLine($"Graph written to {path}");
    }

    // Colour only for a person at a terminal; CI logs and files get plain text.
    bool UseColour => IsLocalBuild && !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null;
}
