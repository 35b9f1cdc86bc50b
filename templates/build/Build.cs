using Cascade;
using Cascade.Engine;

/// <summary>This stack's build. Every Cascade target (Plan, Graph, Build, Test, Push, Promote, GenerateWorkflows, ...)
/// is inherited from <see cref="CascadeBuild"/>; `./build.sh --help` lists them, and any you add here beside them.</summary>
class Build : CascadeBuild
{
    public static int Main(string[] args) => Execute<Build>(args, x => x.Plan);

    // Your own targets go here, e.g. one that runs after the images are pushed (`./build.sh Announce`):
    //
    // Target Announce => _ => _
    //     .Description("Says which images were pushed")
    //     .DependsOn(Push)
    //     .Executes(() => Console.WriteLine("pushed"));
}
