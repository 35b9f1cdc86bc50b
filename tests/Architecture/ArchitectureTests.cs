using Mono.Cecil;

namespace Cascade.Tests.Architecture;

/// <summary>
/// DESIGN.md's arrows, read from the compiled product (Cascade.dll): every type reference that crosses folders
/// must be on <see cref="FolderArrows.MayRead"/>; anything else fails, naming the type, the member and the arrow.
/// </summary>
public sealed class ArchitectureTests
{
    private static readonly Lazy<ModuleDefinition> Product = new(() => FolderEdges.Load(typeof(CascadeBuild).Assembly));
    private static readonly Lazy<IReadOnlyList<FolderEdge>> ProductEdges = new(() => FolderEdges.Read(Product.Value));

    [Fact]
    public void Every_folder_reads_only_what_the_allow_list_lets_it()
    {
        var unlisted = ProductEdges.Value
            .Where(e => !FolderArrows.IsAllowed(e))
            .Select(e => e.ToString()).Distinct().Order().ToList();

        Lines(unlisted).Should().BeEmpty("each folder reads only the folders FolderArrows.MayRead lists for it (a new folder needs its own line there)");
    }

    [Fact]
    public void Every_temporary_exception_is_still_needed()
    {
        var stale = FolderArrows.TemporaryExceptions
            .Where(x => !ProductEdges.Value.Any(e => e.From == x.From && TypeReferenceReader.Outermost(e.Use.To).FullName == x.Type))
            .Select(x => $"{x.From} no longer uses {x.Type}: delete its line from FolderArrows.TemporaryExceptions");

        Lines(stale).Should().BeEmpty("an exception nobody needs would let the next break through unseen");
    }

    [Fact]
    public void Reports_renders_data_and_reads_no_type_that_does_io()
    {
        var uses = TypeReferenceReader.Read(Product.Value).ToList();
        var ioTypes = uses.Where(u => FolderArrows.IoClients.Contains(u.To.FullName)).Select(u => u.From.FullName)
            .Concat(FolderArrows.IoClients).ToHashSet();
        var reads = uses
            .Where(u => FolderArrows.FolderOf(u.From.Namespace) == "Reports" && ioTypes.Contains(TypeReferenceReader.Outermost(u.To).FullName))
            .Select(u => $"{u.From.FullName}.{u.Member} uses {TypeReferenceReader.Outermost(u.To).FullName}, which talks to Docker or a registry")
            .Distinct().Order().ToList();

        Lines(reads).Should().BeEmpty("Reports renders gathered data; the gathering (Docker, the registry) happens in Publishing or Pipeline");
    }

    [Fact]
    public void The_product_holds_no_benchmark()
    {
        var module = Product.Value;
        var named = module.GetTypes().Where(t => IsBenchmark(t.FullName))
            .Concat<IMemberDefinition>(module.GetTypes().SelectMany(Members).Where(m => IsBenchmark(m.Name)))
            .Select(m => m.FullName);
        var referenced = TypeReferenceReader.Read(module).Where(u => IsBenchmark(u.To.FullName) || IsBenchmark(u.To.Scope.Name))
            .Select(u => $"{u.From.FullName}.{u.Member} uses {u.To.FullName}")
            .Concat(module.AssemblyReferences.Where(a => IsBenchmark(a.Name)).Select(a => $"Cascade.dll references {a.Name}"));

        Lines(named.Concat(referenced).Distinct()).Should().BeEmpty("the benchmarks are their own project (benchmarks/) and the product knows nothing of them");
    }

    // One offence a line: FluentAssertions shows only the first item of a collection that should be empty.
    private static string Lines(IEnumerable<string> offences) => string.Join("\n", offences);

    private static IEnumerable<IMemberDefinition> Members(TypeDefinition type) =>
        type.Methods.Cast<IMemberDefinition>().Concat(type.Properties).Concat(type.Fields).Concat(type.Events);

    private static bool IsBenchmark(string name) => name.Contains("Benchmark", StringComparison.OrdinalIgnoreCase);
}
