using Cascade.Changes;

namespace Cascade.Pipeline;

/// <summary>What a run plans from: the stack, what the user asked for (--images, --all, else git's changes between
/// these refs) and the registry the spec's is overridden with.</summary>
sealed record PlanningRequest(string StackDirectory, string RootDirectory, PlanOptions AskedFor, ChangeOptions Changes)
{
    /// <summary>--registry: the spec's `registry` for this run.</summary>
    public string? Registry { get; init; }

    /// <summary>--leave-out-existing: the plan leaves out the images whose fingerprint tag the registry has.</summary>
    public bool LeaveOutExisting { get; init; }

    /// <summary>--explain: the plan names, for each affected image, the inputs that moved since its previous build.</summary>
    public bool Explain { get; init; }

    /// <summary>Whether git's answers are asked for while the spec is read: only by a run whose targets plan.</summary>
    public bool ReadsGitAhead { get; init; }
}
