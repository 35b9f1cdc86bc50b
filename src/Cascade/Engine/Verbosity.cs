namespace Cascade.Engine;

/// <summary>How much the engine itself writes. Targets decide for themselves what they write to Out.</summary>
public enum Verbosity
{
    /// <summary>Errors and the final verdict only.</summary>
    Quiet,
    /// <summary>Adds the summary table.</summary>
    Minimal,
    /// <summary>Adds a header per target and skip reasons.</summary>
    Normal,
    /// <summary>Adds stack traces and the parameter values (secrets masked).</summary>
    Verbose,
}
