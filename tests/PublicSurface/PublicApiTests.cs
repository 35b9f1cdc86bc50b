using PublicApiGenerator;
using Cascade.Tests.Support;

namespace Cascade.Tests.PublicSurface;

/// <summary>
/// The Cascade package's public API is the contract with every stack repository's Build.cs, so it changes on
/// purpose only: src/Cascade/PublicAPI.txt holds the whole assembly's surface (as PublicApiGenerator prints it,
/// after a header of // lines that says why each public type is public), and this test fails when the code and
/// the file drift apart. On a mismatch it writes PublicAPI.received.txt beside it, header kept, to review and accept.
/// </summary>
public sealed class PublicApiTests
{
    private static readonly string Approved = RepositoryRoot.Combine("src", "Cascade", "PublicAPI.txt");
    private static readonly string Received = RepositoryRoot.Combine("src", "Cascade", "PublicAPI.received.txt");

    [Fact]
    public void The_public_API_matches_PublicAPI_txt()
    {
        var approved = File.Exists(Approved) ? File.ReadAllText(Approved).ReplaceLineEndings("\n") : "";
        var header = Header(approved);
        var actual = Generate();

        if (approved == header + actual)
        {
            File.Delete(Received);
            return;
        }
        File.WriteAllText(Received, header + actual);
        Assert.Fail(
            $"Cascade's public API differs from {Approved}; the current one is in {Received}. If the change is meant " +
            $"(a user's Build.cs needs it), review the difference (diff {Approved} {Received}), give each new public " +
            $"type its reason in the header, and accept it: mv {Received} {Approved}. Otherwise make the new member internal.");
    }

    [Fact]
    public void Every_public_type_has_its_reason_in_the_header()
    {
        var header = Header(File.ReadAllText(Approved).ReplaceLineEndings("\n"));
        var unexplained = typeof(CascadeBuild).Assembly.GetExportedTypes()
            .Select(t => t.Name.Split('`')[0])
            .Where(name => !header.Contains($"// {name}:", StringComparison.Ordinal))
            .ToList();

        unexplained.Should().BeEmpty($"each public type of Cascade needs a line '// Name: why a user's Build.cs needs it' at the top of {Approved}");
    }

    private static string Generate() =>
        typeof(CascadeBuild).Assembly.GeneratePublicApi(new ApiGeneratorOptions
        {
            // Who may see internals, and what the SDK stamps on the assembly, are not the API.
            IncludeAssemblyAttributes = false,
            // A parameter's description and command-line name are its --help text: .nuke/build.schema.json holds
            // them, generated and checked by BuildSchemaTests. Here the member is the contract.
            ExcludeAttributes = [typeof(Cascade.Engine.ParameterAttribute).FullName!],
        }).ReplaceLineEndings("\n") + "\n";

    /// <summary>The leading // lines (and the blank line after them) that explain the surface.</summary>
    private static string Header(string text)
    {
        var lines = text.Split('\n');
        var count = lines.TakeWhile(l => l.StartsWith("//", StringComparison.Ordinal)).Count();
        if (count < lines.Length && lines[count].Length == 0) count++;
        return string.Concat(lines.Take(count).Select(l => l + "\n"));
    }
}
