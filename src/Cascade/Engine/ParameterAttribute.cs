namespace Cascade.Engine;

/// <summary>
/// Marks a field or property as a build parameter. On the command line it is the kebab-case of the member
/// name (<c>BaseRef</c> → <c>--base-ref</c>) unless <see cref="Name"/> says otherwise.
/// </summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class ParameterAttribute(string? description = null) : Attribute
{
    /// <summary>The text --help and the schema show for the parameter.</summary>
    public string? Description { get; } = description;

    /// <summary>The command-line name without dashes, e.g. <c>"base-ref"</c>.</summary>
    public string? Name { get; init; }

    /// <summary>The build's targets depend on this value (a stack that adds one target per image). When the
    /// command line or the environment gives it a value other than the repository's own (its default or
    /// .nuke/parameters.json), the run describes another build, and .nuke/build.schema.json is left alone.</summary>
    public bool ShapesTargets { get; init; }
}
