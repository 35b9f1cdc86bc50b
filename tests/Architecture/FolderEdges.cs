using Mono.Cecil;

namespace Cascade.Tests.Architecture;

/// <summary>One use that crosses from one folder of ours into another, printed as the arrow and who drew it.</summary>
public sealed record FolderEdge(string From, string To, TypeReferenceUse Use)
{
    public override string ToString() =>
        $"{From} → {To}: {Use.From.FullName}.{Use.Member} uses {TypeReferenceReader.Outermost(Use.To).FullName}";
}

/// <summary>The cross-folder uses in a compiled assembly, from <see cref="TypeReferenceReader"/>.</summary>
public static class FolderEdges
{
    public static IReadOnlyList<FolderEdge> Read(ModuleDefinition module, string root = "Cascade") =>
        TypeReferenceReader.Read(module)
            .Select(use => Edge(use, root))
            .OfType<FolderEdge>()
            .Where(e => e.From != e.To)
            .ToList();

    public static ModuleDefinition Load(System.Reflection.Assembly assembly) => ModuleDefinition.ReadModule(assembly.Location);

    private static FolderEdge? Edge(TypeReferenceUse use, string root)
    {
        var from = FolderArrows.FolderOf(use.From.Namespace, root);
        var to = FolderArrows.FolderOf(TypeReferenceReader.Outermost(use.To).Namespace, root);
        return from is null || to is null ? null : new FolderEdge(from, to, use);
    }
}
