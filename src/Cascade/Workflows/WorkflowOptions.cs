using Cascade.Stacks;

namespace Cascade.Workflows;

/// <summary>What the generator needs besides the stack: where things are in the repository.</summary>
/// <param name="StackFolder">The stack folder relative to the repository root, with '/' (e.g. "images").</param>
/// <param name="HasTestScript">Whether the repository has `.ci/run` (Cascade's own test suite): then a
/// workflow that runs it is written too.</param>
internal sealed record WorkflowOptions(string StackFolder, bool HasTestScript = false)
{
    public const string Directory = ".github/workflows";

    /// <summary>Where CI pushes and hands images over: ci.registry, else the spec's registry, else ghcr.io.</summary>
    public static string Registry(StackSpec spec) => spec.Ci.Registry ?? spec.Registry ?? CiSettings.DefaultRegistry;

    /// <summary>`runs-on`: one label as a string, several as a list.</summary>
    public static object RunsOn(IReadOnlyList<string> labels) => labels.Count == 1 ? labels[0] : labels.ToList();
}
