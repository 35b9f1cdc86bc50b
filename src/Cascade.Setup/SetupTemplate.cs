using System.Reflection;

namespace Cascade.Setup;

/// <summary>The files templates/ holds (embedded in this tool), filled in for one repository.</summary>
internal static class SetupTemplate
{
    private const string Prefix = "templates/";

    /// <summary>The .gitignore lines, kept apart from the files: they are appended, not written.</summary>
    public const string GitIgnoreLines = "gitignore";

    /// <summary>This tool's version, the one Directory.Build.props gives every Cascade package: the build project
    /// references the Cascade package of the same version.</summary>
    public static string Version { get; } =
        typeof(SetupTemplate).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion.Split('+')[0];

    /// <summary>Every file to write (path relative to the root, with '/'), its placeholders filled in.</summary>
    public static IReadOnlyList<(string Path, string Text)> Files(string stackFolder) =>
        Names().Where(n => n != GitIgnoreLines)
            .Select(n => (n, BuildSourcesOnly(n, Read(n)).Replace("{{CascadeVersion}}", Version).Replace("{{StackFolder}}", stackFolder)))
            .ToList();

    // Cascade's own build.sh and build.ps1 also compile the product and the benchmarks; a stack repository's compile
    // build/ alone (Cascade comes in as its package). The rest of each script is the same, so it is kept once.
    private static readonly Dictionary<string, (string Start, string Line)> SourcesLines = new()
    {
        ["build.sh"] = ("BUILD_SOURCES=(", "BUILD_SOURCES=(\"$SCRIPT_DIR/build\")"),
        ["build.ps1"] = ("$BuildSources = @(", "$BuildSources = @(\"$PSScriptRoot\\build\")"),
    };

    private static string BuildSourcesOnly(string name, string text)
    {
        if (!SourcesLines.TryGetValue(name, out var sources)) return text;
        var lines = text.Split('\n');
        var index = Array.FindIndex(lines, l => l.StartsWith(sources.Start, StringComparison.Ordinal));
        if (index < 0) throw new InvalidOperationException($"cascade-setup was built from a {name} without a line starting {sources.Start}");
        lines[index] = sources.Line;
        return string.Join('\n', lines);
    }

    public static string Read(string name)
    {
        using var stream = typeof(SetupTemplate).Assembly.GetManifestResourceStream(Resources[name]);
        return new StreamReader(stream!).ReadToEnd();
    }

    private static IEnumerable<string> Names() => Resources.Keys.Order(StringComparer.Ordinal);

    // Each template's path under templates/ (with '/') and its resource name (on Windows, MSBuild's RecursiveDir has '\').
    private static readonly Dictionary<string, string> Resources = typeof(SetupTemplate).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal))
        .ToDictionary(n => n[Prefix.Length..].Replace('\\', '/'));
}
