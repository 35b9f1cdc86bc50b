using Cascade.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit.Abstractions;

namespace Cascade.Tests.Architecture;

/// <summary>
/// Short methods, measured by Roslyn over src/Cascade/**/*.cs: no method, constructor, accessor or expression-bodied
/// property over <see cref="Limit"/> lines (from its signature to its closing brace; its doc comment does not count).
/// The declarative builders of the workflow models may run to <see cref="BuilderLimit"/>, each named below.
/// </summary>
public sealed class MethodLengthTests(ITestOutputHelper output)
{
    private const int Limit = 60;
    private const int BuilderLimit = 100;

    /// <summary>Declarative builders: one YAML document each, written top to bottom as the file reads.</summary>
    private static readonly HashSet<string> Builders =
    [
        "Workflows/PromoteWorkflow.cs PromoteWorkflow.Create",
        "Workflows/ImageWorkflow.cs ImageWorkflow.Create",
    ];

    public sealed record Method(string File, string Name, int Line, int Lines)
    {
        public string Key => $"{File} {Name}";
        public override string ToString() => $"{File}:{Line} {Name} ({Lines} lines)";
    }

    [Fact]
    public void No_product_method_is_over_the_limit()
    {
        var methods = ProductMethods();
        foreach (var longest in methods.Where(m => !Builders.Contains(m.Key)).OrderByDescending(m => m.Lines).Take(10))
            output.WriteLine(longest.ToString());

        string.Join("\n", methods.Where(m => m.Lines > (Builders.Contains(m.Key) ? BuilderLimit : Limit)))
            .Should().BeEmpty($"a method over {Limit} lines does several things: give each its own name (builders: {BuilderLimit})");
    }

    [Fact]
    public void Every_allowed_builder_exists_and_needs_the_allowance()
    {
        var methods = ProductMethods();
        foreach (var builder in Builders)
            methods.Where(m => m.Key == builder).Should().Contain(m => m.Lines > Limit,
                $"{builder} is gone or fits the ordinary limit now: take it off the allow-list");
    }

    [Fact]
    public void The_measure_counts_from_the_signature_to_the_closing_brace_of_every_kind_of_member()
    {
        const string source = """
            namespace X;
            class C
            {
                /// <summary>Not counted.</summary>
                public int M()
                {
                    return 1;
                }
                public C() { }
                int P { get { return 1; } }
                int Q =>
                    2;
            }
            """;

        Measure("X/C.cs", source).Select(m => $"{m.Name} {m.Lines}").Should().BeEquivalentTo(["C.M 4", "C..ctor 1", "C.P.get 1", "C.Q 2"]);
    }

    private static List<Method> ProductMethods()
    {
        var root = RepositoryRoot.Combine("src", "Cascade");
        return Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .SelectMany(f => Measure(Path.GetRelativePath(root, f).Replace('\\', '/'), File.ReadAllText(f)))
            .ToList();
    }

    private static IEnumerable<Method> Measure(string file, string source) =>
        CSharpSyntaxTree.ParseText(source).GetRoot().DescendantNodes()
            .Select(node => (node, name: NameOf(node)))
            .Where(m => m.name is not null)
            .Select(m =>
            {
                var span = m.node.GetLocation().GetLineSpan();
                var type = m.node.Ancestors().OfType<BaseTypeDeclarationSyntax>().First().Identifier.Text;
                return new Method(file, $"{type}.{m.name}", span.StartLinePosition.Line + 1,
                    span.EndLinePosition.Line - span.StartLinePosition.Line + 1);
            });

    // Local functions and lambdas count toward the member that holds them.
    private static string? NameOf(SyntaxNode node) => node switch
    {
        MethodDeclarationSyntax m => m.Identifier.Text,
        ConstructorDeclarationSyntax => ".ctor",
        BaseMethodDeclarationSyntax other => other.Kind().ToString(),
        AccessorDeclarationSyntax { Body: not null } or AccessorDeclarationSyntax { ExpressionBody: not null } =>
            $"{(node.Parent?.Parent as PropertyDeclarationSyntax)?.Identifier.Text ?? "this"}.{((AccessorDeclarationSyntax)node).Keyword.Text}",
        PropertyDeclarationSyntax { ExpressionBody: not null } p => p.Identifier.Text,
        _ => null,
    };
}
