using Cascade.Text;

namespace Cascade.Stacks.Dockerfiles;

/// <summary>
/// The instructions Docker knows (BuildKit's and the classic builder's set are the same eighteen), so a typo
/// such as `RUNN` is reported at validation, at its line and column, not by the daemon once the parents
/// have built. Parser directives (`# syntax=`, `# escape=`, `# check=`) are comments to the parser.
/// </summary>
internal static class DockerfileKeywords
{
    public static readonly IReadOnlyList<string> All =
    [
        "ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV", "EXPOSE", "FROM", "HEALTHCHECK", "LABEL",
        "MAINTAINER", "ONBUILD", "RUN", "SHELL", "STOPSIGNAL", "USER", "VOLUME", "WORKDIR",
    ];

    private static readonly HashSet<string> Known = new(All, StringComparer.Ordinal);

    /// <summary>What ONBUILD may not wrap (Docker refuses these as triggers).</summary>
    private static readonly HashSet<string> NotTriggers = new(["ONBUILD", "FROM", "MAINTAINER"], StringComparer.Ordinal);

    /// <summary>For an upper-cased keyword.</summary>
    public static bool IsKnown(string keyword) => Known.Contains(keyword);

    /// <summary>Null when <paramref name="typed"/> (any case) is an instruction Docker runs, else why not.</summary>
    public static string? Problem(string typed) =>
        IsKnown(typed.ToUpperInvariant()) ? null
        : $"unknown instruction '{typed}'{DidYouMean.Hint(typed, All)}; Docker knows {string.Join(", ", All)}";

    /// <summary>Null when <paramref name="trigger"/> may follow ONBUILD, else why not.</summary>
    public static string? TriggerProblem(string trigger) =>
        trigger.Length == 0 ? "ONBUILD needs an instruction to run in images built from this one"
        : NotTriggers.Contains(trigger.ToUpperInvariant()) ? $"ONBUILD {trigger} is not allowed; Docker refuses ONBUILD, FROM and MAINTAINER as triggers"
        : Problem(trigger);
}
