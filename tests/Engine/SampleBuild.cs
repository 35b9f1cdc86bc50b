using Cascade.Engine;

namespace Cascade.Tests.Engine;

public enum Flavour { Plain, Spicy }

/// <summary>A small build in the shape the real one has: a few targets, parameters of each kind, a secret.</summary>
internal sealed class SampleBuild : NukeBuild
{
    public List<string> Ran { get; } = [];

    /// <summary>Called as each target runs, with its name: a test looks at the world from inside a run.</summary>
    public Action<string>? WhileRunning { get; init; }

    [Parameter("Git ref to compare against")] public string BaseRef = "origin/main";
    [Parameter("How many images at once")] public int Parallelism { get; set; } = 2;
    [Parameter("Images to build")] public string[] Images = [];
    [Parameter("Build every image")] public bool All = false;
    [Parameter("How hot")] public Flavour Flavour = Flavour.Plain;
    [Parameter("A ratio")] public double Ratio = 0.5;
    [Parameter("Per-image timeout")] public TimeSpan? Timeout = null;
    [Parameter("Registry token"), Secret] public string? Token = null;
    [Parameter("Target that throws")] public string? FailIn = null;
    [Parameter("Do not publish")] public bool NoPublish = false;
    [Parameter("Image targets to add", Name = "extra")] public string[] ExtraTargets = [];

    public Target Restore => _ => _.Description("Restores packages").Executes(() => Record(nameof(Restore)));
    public Target Compile => _ => _.DependsOn(Restore).Executes(() => Record(nameof(Compile)));
    public Target Test => _ => _.Description("Runs the tests").DependsOn(Compile).Executes(() => Record(nameof(Test)));
    public Target Pack => _ => _.DependsOn(Compile).After(Test).Executes(() => Record(nameof(Pack)));
    public Target Publish => _ => _
        .DependsOn(Pack, Test)
        .OnlyWhen(() => !NoPublish)
        .Requires(() => Token)
        .Executes(() =>
        {
            Out.WriteLine($"logging in with {Token}");
            Record(nameof(Publish));
            throw new InvalidOperationException($"registry refused token {Token}");
        });
    public Target Lint => _ => _.Before(nameof(Compile)).Executes(() => Record(nameof(Lint)));
    public Target Tolerant => _ => _.ProceedAfterFailure().Executes(() => Record(nameof(Tolerant)));
    public Target Report => _ => _.DependsOn(Compile).AssuredAfterFailure().Executes(() => Record(nameof(Report)));
    public Target Everything => _ => _.DependsOn(Test, Pack);
    // Non-public targets count too, as in NUKE.
    private Target GenerateWorkflows => _ => _
        .Executes(async () =>
        {
            await Task.Delay(20);
            Record(nameof(GenerateWorkflows));
        })
        .Executes(() => Record("GenerateWorkflows.second"));

    protected override void OnBuildCreated()
    {
        foreach (var name in ExtraTargets)
            AddTarget("Image-" + name, _ => _.DependsOn(Restore).Executes(() => Record("Image-" + name)));
    }

    private void Record(string name)
    {
        Ran.Add(name);
        WhileRunning?.Invoke(name);
        Out.WriteLine($"ran {name}");
        if (string.Equals(FailIn, name, StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"{name} broke");
    }
}
