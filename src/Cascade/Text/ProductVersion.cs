using System.Reflection;

namespace Cascade.Text;

/// <summary>The version this assembly was built as: Directory.Build.props' &lt;Version&gt;, the Cascade package's
/// version, which a stack repository's build/_build.csproj pins. A fact of the assembly, not of a folder: the engine
/// prints it (--version) and the workflow generator writes it into the header of what it generates.</summary>
internal static class ProductVersion
{
    /// <summary>"0.1.0": the informational version without the "+commit" the SDK appends to it.</summary>
    public static string Text { get; } = Read();

    private static string Read()
    {
        var assembly = typeof(ProductVersion).Assembly;
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        return informational?.Split('+')[0] ?? assembly.GetName().Version?.ToString(3) ?? "unknown";
    }
}
