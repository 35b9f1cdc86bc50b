namespace Cascade.Engine.Internal;

internal enum TargetStatus { NotRun, Succeeded, Failed, Skipped, Collective }

/// <summary>A target with its references resolved, and what happened when it ran.</summary>
internal sealed class ExecutableTarget(string name, int index, TargetDefinition definition)
{
    public string Name { get; } = name;
    /// <summary>Declaration order: properties first, then targets added in OnBuildCreated.</summary>
    public int Index { get; } = index;
    public TargetDefinition Definition { get; } = definition;
    public string? Description => Definition.DescriptionText;
    public bool IsDefault { get; set; }

    public List<ExecutableTarget> Dependencies { get; } = [];
    /// <summary>Targets that must finish first if both are scheduled (After, and the other side of Before).</summary>
    public List<ExecutableTarget> OrderedAfter { get; } = [];

    public TargetStatus Status { get; set; } = TargetStatus.NotRun;
    public TimeSpan Duration { get; set; }
    public string? SkipReason { get; set; }

    public override string ToString() => Name;
}
