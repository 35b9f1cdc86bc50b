namespace Cascade.Stacks;

/// <summary>A string from spec.yml with the 1-based position where it was written.</summary>
internal readonly record struct Located(string Value, int Line, int Column);

/// <summary>spec.yml as read, before cross-checks: every value keeps its position for later messages.</summary>
internal sealed class StackDraft
{
    public List<Located>? Root { get; set; }
    public List<ImageDraft> Images { get; } = [];
    public bool HasImagesKey { get; set; }
    public Located? Registry { get; set; }
    public Located? Owner { get; set; }
    public Located? TagPrefix { get; set; }
    public List<(Located Key, InfoCommand Command)> InfoCommands { get; } = [];
    public List<string> Ignore { get; set; } = [];
    public List<string> RebuildAllOn { get; set; } = [];
    /// <summary>The stack's default `platforms:`; null when not given.</summary>
    public List<Located>? Platforms { get; set; }
    public CiSettings Ci { get; set; } = new();
}

internal sealed class ImageDraft(Located name)
{
    public Located Name { get; } = name;
    public Located? ImageName { get; set; }
    public List<Located> DependOn { get; set; } = [];
    public Dictionary<string, string> BuildArgs { get; set; } = new(StringComparer.Ordinal);
    public List<Located> InfoCmds { get; set; } = [];
    public List<Located> ContentTags { get; set; } = [];
    /// <summary>`integration_tests: true` (resolved later, when the stack folder is known).</summary>
    public bool IntegrationTestsDefault { get; set; }
    public List<string> IntegrationTests { get; set; } = [];
    public bool? Prune { get; set; }
    public bool? Prepull { get; set; }
    public bool? InheritTests { get; set; }
    public Located? Dockerfile { get; set; }
    public Located? Context { get; set; }
    public List<string> Watch { get; set; } = [];
    public List<string> Tests { get; set; } = [];
    public List<string> GpuTests { get; set; } = [];
    public TimeSpan? Timeout { get; set; }
    /// <summary>The image's own `platforms:`; null when not given (the stack's default applies).</summary>
    public List<Located>? Platforms { get; set; }
}
