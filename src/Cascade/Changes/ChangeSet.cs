namespace Cascade.Changes;

/// <summary>
/// What changed between two revisions of the repository holding the stack: the planner's only input
/// from git, so tests and other sources (fingerprints, a CI event) can build one directly.
/// </summary>
internal sealed record ChangeSet
{
    /// <summary>No comparison at all: nothing is affected unless forced.</summary>
    public static ChangeSet None { get; } = new();

    /// <summary>Changed paths, relative to the repository root, with '/' separators.
    /// A rename appears as both its old and its new path.</summary>
    public IReadOnlyList<string> Paths { get; init; } = [];

    /// <summary>The stack folder relative to the repository root ("images"; "" when the stack is the root).</summary>
    public string StackPath { get; init; } = "";

    /// <summary>spec.yml at the base and at the head; null when no base was compared.</summary>
    public SpecTexts? Spec { get; init; }

    /// <summary>The ref asked for, the merge base it resolved to, and the head compared (for messages and reports).</summary>
    public string? BaseRef { get; init; }
    public string? MergeBase { get; init; }
    public string? HeadRef { get; init; }
    public bool IncludesUncommitted { get; init; }

    public bool IsEmpty => Paths.Count == 0 && Spec is null;
}

/// <summary>The text of spec.yml before and after; <see cref="Old"/> is null when the file did not exist at the base.</summary>
internal sealed record SpecTexts(string? Old, string? New);
