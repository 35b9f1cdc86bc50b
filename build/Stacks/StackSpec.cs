namespace Cascade.Stacks;

/// <summary>A parsed and validated images/spec.yml.</summary>
public sealed record StackSpec
{
    /// <summary>Absolute path of the stack folder (the folder holding spec.yml).</summary>
    public required string Directory { get; init; }

    /// <summary>Absolute path of spec.yml.</summary>
    public required string File { get; init; }

    /// <summary>Images in file order.</summary>
    public required IReadOnlyList<ImageSpec> Images { get; init; }

    /// <summary>Names of the roots: `root` where given, else the images without depend_on.</summary>
    public required IReadOnlyList<string> Roots { get; init; }

    public string? Registry { get; init; }
    public string? Owner { get; init; }

    /// <summary>`tag.prefix`, e.g. "2024.3"; empty when not given.</summary>
    public string TagPrefix { get; init; } = "";

    public IReadOnlyDictionary<string, InfoCommand> AllInfoCmds { get; init; } = new Dictionary<string, InfoCommand>();

    /// <summary>Globs (relative to the stack folder) whose changes never trigger a rebuild.</summary>
    public IReadOnlyList<string> Ignore { get; init; } = [];

    /// <summary>Globs (relative to the stack folder) whose changes rebuild everything.</summary>
    public IReadOnlyList<string> RebuildAllOn { get; init; } = [];

    /// <summary>The top-level `platforms:`, the default of images that do not say; empty: the daemon's platform.</summary>
    public IReadOnlyList<Platform> Platforms { get; init; } = [];

    private Dictionary<string, ImageSpec>? byName;

    /// <summary>The image called <paramref name="name"/>; a dictionary because stacks reach thousands.</summary>
    public ImageSpec this[string name] => (byName ??= Images.ToDictionary(i => i.Name, StringComparer.Ordinal))[name];

    public bool Contains(string name) => (byName ??= Images.ToDictionary(i => i.Name, StringComparer.Ordinal)).ContainsKey(name);
}

public sealed record InfoCommand(string Description, string Command);
