using System.Text.RegularExpressions;
using Cascade.Tests.Support;

namespace Cascade.Tests.Architecture;

/// <summary>
/// DESIGN.md's arrows, read from the sources: which folder of src/Cascade/ refers to which. A reference is a
/// `using Cascade.X`, a qualified `Cascade.X.` or a namespace-relative `X.Type` naming a type declared in X;
/// comments and string literals do not count.
/// </summary>
public sealed partial class DependencyArrowTests
{
    private static readonly string[] Domain = ["Stacks", "Contexts", "Changes", "Docker", "Registry", "Pipeline", "Publishing", "Reports", "Workflows"];
    private static readonly string[] Ours = [.. Domain, "Engine", "Benchmarks"];

    [Fact]
    public void Domain_folders_never_reference_the_engine()
    {
        foreach (var folder in Domain)
            References(folder, "Engine").Should().BeEmpty($"{folder}/ must not know Engine/ (only the CascadeBuild*.cs files join them)");
    }

    [Fact]
    public void Registry_does_not_read_Docker() =>
        References("Registry", "Docker").Should().BeEmpty("the registry client speaks the OCI API, not the Docker engine's");

    [Fact]
    public void Stacks_reads_nothing_of_ours()
    {
        foreach (var other in Ours.Where(o => o != "Stacks"))
            References("Stacks", other).Should().BeEmpty($"Stacks/ is the bottom of the graph; it must not use {other}/");
    }

    [Fact]
    public void Reports_does_not_serve_the_pipeline() =>
        References("Pipeline", "Reports").Should().BeEmpty("Reports reads run results; it does not serve the scheduler");

    [Fact]
    public void The_reader_sees_usings_qualified_and_relative_names_but_not_comments_or_strings()
    {
        var types = new Dictionary<string, HashSet<string>> { ["Stacks"] = ["RepositoryHost"], ["Engine"] = ["NukeBuild"], ["Docker"] = ["DockerEngine"] };
        const string source = """
            using Cascade.Engine;
            namespace Cascade.Registry;
            // Docker.DockerEngine in a comment, and "Stacks.RepositoryHost" in a string, do not count.
            class X { string Host(string r) => Stacks.RepositoryHost.Of(r) + Docker.DotNet.Name; }
            """;

        ReferencedFolders(source, types).Should().BeEquivalentTo(["Engine", "Stacks"]);
    }

    /// <summary>The files of src/Cascade/<paramref name="folder"/> that refer to src/Cascade/<paramref name="target"/>, with the line.</summary>
    private static List<string> References(string folder, string target)
    {
        var types = DeclaredTypes();
        var found = new List<string>();
        foreach (var file in SourceFiles(folder))
        {
            var text = File.ReadAllText(file);
            if (ReferencedFolders(text, types).Contains(target))
                found.Add(Path.GetRelativePath(RepositoryRoot.Path, file));
        }
        return found;
    }

    private static HashSet<string> ReferencedFolders(string source, IReadOnlyDictionary<string, HashSet<string>> types)
    {
        var code = WithoutCommentsAndStrings(source);
        var found = new HashSet<string>();
        foreach (Match m in Qualified().Matches(code)) found.Add(m.Groups["folder"].Value);
        foreach (Match m in Relative().Matches(code))
            if (types.TryGetValue(m.Groups["folder"].Value, out var declared) && declared.Contains(m.Groups["type"].Value))
                found.Add(m.Groups["folder"].Value);
        return found;
    }

    private static Dictionary<string, HashSet<string>> DeclaredTypes() =>
        Ours.ToDictionary(f => f, f => SourceFiles(f)
            .SelectMany(file => Declaration().Matches(WithoutCommentsAndStrings(File.ReadAllText(file))).Select(m => m.Groups["name"].Value))
            .ToHashSet());

    private static IEnumerable<string> SourceFiles(string folder)
    {
        var path = RepositoryRoot.Combine("src", "Cascade", folder);
        return Directory.Exists(path) ? Directory.EnumerateFiles(path, "*.cs", SearchOption.AllDirectories) : [];
    }

    // A file's own namespace declaration is where it lives, not what it uses.
    private static string WithoutCommentsAndStrings(string source) => NamespaceDeclaration().Replace(Noise().Replace(source, " "), " ");

    [GeneratedRegex(@"\bnamespace\s+[\w.]+")]
    private static partial Regex NamespaceDeclaration();

    // Raw strings, verbatim strings, plain strings, chars, block comments, line comments.
    [GeneratedRegex("\"\"\"[\\s\\S]*?\"\"\"|@\"(?:[^\"]|\"\")*\"|\"(?:\\\\.|[^\"\\\\\\n])*\"|'(?:\\\\.|[^'\\\\\\n])'|/\\*[\\s\\S]*?\\*/|//[^\\n]*")]
    private static partial Regex Noise();

    [GeneratedRegex(@"\bCascade\.(?<folder>Stacks|Contexts|Changes|Docker|Registry|Pipeline|Publishing|Reports|Workflows|Engine|Benchmarks)\b")]
    private static partial Regex Qualified();

    [GeneratedRegex(@"(?<![\w.])(?<folder>Stacks|Changes|Docker|Registry|Pipeline|Reports|Workflows|Engine|Benchmarks)\.(?<type>[A-Z]\w*)")]
    private static partial Regex Relative();

    [GeneratedRegex(@"\b(?:class|record|struct|interface|enum|delegate\s+\w+(?:<[^>]*>)?)\s+(?<name>[A-Z]\w*)")]
    private static partial Regex Declaration();
}
