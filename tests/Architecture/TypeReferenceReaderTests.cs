namespace Cascade.Tests.Architecture;

/// <summary>The IL reader behind <see cref="ArchitectureTests"/> sees every way compiled code names a type.</summary>
public sealed class TypeReferenceReaderTests
{
    private const string Root = "Cascade.Tests.Architecture.Fixture";
    private static readonly IReadOnlyList<FolderEdge> Edges = FolderEdges.Read(FolderEdges.Load(typeof(TypeReferenceReaderTests).Assembly), Root);

    [Theory]
    [InlineData("InField", "parts")]
    [InlineData("InClosure", "Sizer")]
    [InlineData("InStateMachine", "SizeAsync")]
    [InlineData("InCatch", "Fails")]
    [InlineData("InAttribute", "(declaration)")]
    [InlineData("InAttributeArgument", "Marked")]
    [InlineData("InConstraint", "Same")]
    [InlineData("InGenericCall", "Empty")]
    public void Sees_a_reference_and_names_its_type_member_and_arrow(string type, string member) =>
        Edges.Select(e => e.ToString()).Should().Contain(line =>
            line.StartsWith($"High → Low: {Root}.High.{type}.{member} uses {Root}.Low."));

    [Fact]
    public void Sees_nothing_where_there_is_nothing()
    {
        Edges.Should().NotContain(e => e.Use.From.Name == "ReadsNothing");
        Edges.Should().NotContain(e => e.From == "Low", "Low reads only itself and the framework");
    }

    [Fact]
    public void Places_a_type_in_the_first_folder_under_the_root()
    {
        FolderArrows.FolderOf("Cascade.Changes.Fingerprints").Should().Be("Changes");
        FolderArrows.FolderOf("Cascade").Should().Be(FolderArrows.Targets);
        FolderArrows.FolderOf("CascadeX.Stacks").Should().BeNull();
        FolderArrows.FolderOf("System.Text").Should().BeNull();
    }
}
