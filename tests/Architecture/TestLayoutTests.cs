using System.Text.RegularExpressions;
using Cascade.Tests.Support;

namespace Cascade.Tests.Architecture;

/// <summary>
/// The tests mirror the product: tests/X tests src/Cascade/X, a test of a type sits under the folder the type
/// lives in, and a namespace says its folder. Whoever looks for the tests of a class finds them in one place.
/// </summary>
public sealed partial class TestLayoutTests
{
    /// <summary>Test folders that name no product folder, each for a reason.</summary>
    private static readonly Dictionary<string, string> NotProduct = new(StringComparer.Ordinal)
    {
        ["Support"] = "the one test kit",
        ["Architecture"] = "tests of the layout and the arrows",
        ["PublicSurface"] = "the whole assembly's public API, as a user's build sees it",
        ["Cli"] = "the built program run as a user runs it",
        ["Docs"] = "README.md and docs/ checked against the program and the example stack",
        ["Setup"] = "the setup tool (src/Cascade.Setup) and the package, end to end in a stack repository",
        ["Benchmarks"] = "the benchmarks project (benchmarks/)",
        ["fixtures"] = "data the tests read",
        ["workflows"] = "the node tools that lint and run the generated workflows",
        ["bin"] = "build output",
        ["obj"] = "build output",
        ["TestResults"] = "tests/run.sh's output",
    };

    private static string Tests => RepositoryRoot.Combine("tests");

    private static IEnumerable<string> TestFolders() => Directory.EnumerateDirectories(Tests).Select(Path.GetFileName).OfType<string>();

    private static IEnumerable<string> ProductFolders() =>
        Directory.EnumerateDirectories(RepositoryRoot.Combine("src", "Cascade")).Select(Path.GetFileName).OfType<string>()
            .Where(f => f is not ("bin" or "obj"));

    /// <summary>The C# files of each folder of tests/ that mirrors the product.</summary>
    private static IEnumerable<(string Folder, string File)> MirroredFiles() =>
        TestFolders().Where(f => !NotProduct.ContainsKey(f))
            .SelectMany(f => Directory.EnumerateFiles(Path.Combine(Tests, f), "*.cs", SearchOption.AllDirectories).Select(file => (f, file)));

    [Fact]
    public void Every_test_folder_names_a_product_folder_or_says_why_not() =>
        Unexplained(TestFolders()).Should().BeEmpty(
            "tests/X tests src/Cascade/X; name the product folder, or add the folder to NotProduct with its reason");

    private static IEnumerable<string> Unexplained(IEnumerable<string> testFolders)
    {
        var product = ProductFolders().ToHashSet(StringComparer.Ordinal);
        return testFolders.Where(f => !product.Contains(f) && !NotProduct.ContainsKey(f));
    }

    [Fact]
    public void Every_test_namespace_follows_its_folder()
    {
        var wrong = new List<string>();
        foreach (var folder in TestFolders().Where(f => f is not ("bin" or "obj" or "workflows" or "fixtures")))
            foreach (var file in Directory.EnumerateFiles(Path.Combine(Tests, folder), "*.cs", SearchOption.AllDirectories))
            {
                var home = "Cascade.Tests." + folder;
                foreach (var declared in NamespaceLine().Matches(File.ReadAllText(file)).Select(m => m.Groups[1].Value))
                    if (declared != home && !declared.StartsWith(home + ".", StringComparison.Ordinal))
                        wrong.Add($"{Path.GetRelativePath(Tests, file)}: namespace {declared}");
            }
        wrong.Should().BeEmpty("a test's namespace is Cascade.Tests.<its folder>, or one below it");
    }

    [Fact]
    public void A_test_of_a_product_type_sits_under_the_folder_the_type_lives_in() =>
        Misplaced(MirroredFiles()).Should().BeEmpty("the tests of a type live under tests/<the folder the type lives in>");

    [Fact]
    public void The_checks_find_a_folder_without_product_and_a_misplaced_test()
    {
        Unexplained(["Publish", "Reports", "Support"]).Should().Equal("Publish");
        Misplaced([("Changes", "PlanTreeTests.cs"), ("Reports", "PlanTreeTests.cs"), ("Changes", "SomethingElseTests.cs")])
            .Should().Equal("tests/Changes/PlanTreeTests.cs tests a type in src/Cascade/Reports");
    }

    /// <summary>Each `XTests.cs` whose X is a product type and that sits outside X's top folder.</summary>
    private static List<string> Misplaced(IEnumerable<(string Folder, string File)> files)
    {
        var homes = typeof(Cascade.Engine.NukeBuild).Assembly.GetTypes()
            .Where(t => !t.Name.Contains('<') && t.Namespace?.Split('.') is [_, _, ..])
            .ToLookup(t => t.Name.Split('`')[0], t => t.Namespace!.Split('.')[1]);
        var misplaced = new List<string>();
        foreach (var (folder, file) in files)
        {
            var name = Path.GetFileNameWithoutExtension(file);
            if (!name.EndsWith("Tests", StringComparison.Ordinal)) continue;
            var tested = homes[name[..^"Tests".Length]].Distinct().ToList();
            if (tested.Count > 0 && !tested.Contains(folder))
                misplaced.Add($"tests/{folder}/{Path.GetFileName(file)} tests a type in src/Cascade/{string.Join(" or ", tested)}");
        }
        return misplaced;
    }

    [GeneratedRegex(@"^namespace\s+([A-Za-z0-9_.]+)", RegexOptions.Multiline)]
    private static partial Regex NamespaceLine();
}
