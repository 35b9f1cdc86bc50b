namespace Cascade.Stacks;

/// <summary>A parsed and validated images/spec.yml.</summary>
internal sealed record StackSpec
{
    /// <summary>Absolute path of the stack folder (the folder holding spec.yml).</summary>
    public required string Directory { get; init; }

    /// <summary>Absolute path of spec.yml.</summary>
    public required string File { get; init; }

    /// <summary>Images in file order. Setting them (also in a `with` copy) drops the name index built from the old ones.</summary>
    public required IReadOnlyList<ImageSpec> Images
    {
        get => images;
        init
        {
            images = value;
            byName = null;
        }
    }

    private readonly IReadOnlyList<ImageSpec> images = [];

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
    /// <summary>`ci:`: the generated workflows' settings.</summary>
    public CiSettings Ci { get; init; } = new();

    // Derived from Images alone, built on first use: a `with` copy gets its own, never the original's.
    private Dictionary<string, ImageSpec>? byName;

    private Dictionary<string, ImageSpec> ByName => byName ??= Images.ToDictionary(i => i.Name, StringComparer.Ordinal);

    /// <summary>The image called <paramref name="name"/>; a dictionary because stacks reach thousands.</summary>
    public ImageSpec this[string name] => ByName[name];

    public bool Contains(string name) => ByName.ContainsKey(name);
}

internal sealed record InfoCommand(string Description, string Command);
