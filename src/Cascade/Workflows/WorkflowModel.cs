using YamlDotNet.Serialization;

namespace Cascade.Workflows;

// A model of the parts of GitHub Actions' workflow syntax the generator writes, in the key order GitHub's
// documentation uses. Null and empty members are left out of the YAML (see WorkflowYaml).

/// <summary>One workflow file.</summary>
internal sealed record Workflow
{
    [YamlMember(Order = 0)] public required string Name { get; init; }
    /// <summary>Triggers: event name → its filter mapping (empty mapping for "any").</summary>
    [YamlMember(Order = 1, Alias = "on")] public required Dictionary<string, object> On { get; init; }
    [YamlMember(Order = 2)] public Dictionary<string, string>? Permissions { get; init; }
    [YamlMember(Order = 3)] public Concurrency? Concurrency { get; init; }
    [YamlMember(Order = 4)] public Dictionary<string, string>? Env { get; init; }
    [YamlMember(Order = 5)] public required Dictionary<string, Job> Jobs { get; init; }
}

/// <param name="CancelInProgress">true/false, or an expression.</param>
internal sealed record Concurrency(
    [property: YamlMember(Order = 0)] string Group,
    [property: YamlMember(Order = 1, Alias = "cancel-in-progress")] object CancelInProgress);

/// <summary>A job: either steps on a runner, or a call of a reusable workflow (<see cref="Uses"/>).</summary>
internal sealed record Job
{
    [YamlMember(Order = 0)] public string? Name { get; init; }
    [YamlMember(Order = 1)] public List<string>? Needs { get; init; }
    [YamlMember(Order = 2)] public string? If { get; init; }
    /// <summary>A label, or a list of labels all of which the runner must have.</summary>
    [YamlMember(Order = 3, Alias = "runs-on")] public object? RunsOn { get; init; }
    [YamlMember(Order = 4)] public Dictionary<string, string>? Permissions { get; init; }
    [YamlMember(Order = 5, Alias = "timeout-minutes")] public object? TimeoutMinutes { get; init; }
    [YamlMember(Order = 6)] public Strategy? Strategy { get; init; }
    [YamlMember(Order = 7)] public Dictionary<string, string>? Outputs { get; init; }
    [YamlMember(Order = 8)] public Dictionary<string, string>? Env { get; init; }
    [YamlMember(Order = 9)] public string? Uses { get; init; }
    [YamlMember(Order = 10)] public Dictionary<string, object>? With { get; init; }
    /// <summary>"inherit", for a reusable workflow that logs in with the repository's secrets.</summary>
    [YamlMember(Order = 11)] public string? Secrets { get; init; }
    [YamlMember(Order = 12)] public List<Step>? Steps { get; init; }
}

internal sealed record Strategy
{
    [YamlMember(Order = 0, Alias = "fail-fast")] public bool FailFast { get; init; }
    [YamlMember(Order = 1)] public required Dictionary<string, object> Matrix { get; init; }
}

internal sealed record Step
{
    [YamlMember(Order = 0)] public string? Name { get; init; }
    [YamlMember(Order = 1)] public string? Id { get; init; }
    [YamlMember(Order = 2)] public string? If { get; init; }
    [YamlMember(Order = 3)] public string? Uses { get; init; }
    [YamlMember(Order = 4)] public Dictionary<string, object>? With { get; init; }
    [YamlMember(Order = 5)] public Dictionary<string, string>? Env { get; init; }
    [YamlMember(Order = 6)] public string? Run { get; init; }
}
