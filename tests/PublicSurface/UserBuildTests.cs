using System.Reflection;
using System.Runtime.Loader;
using Cascade.Engine;
using Cascade.Tests.Engine;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Cascade.Tests.PublicSurface;

/// <summary>
/// The public surface is enough for a stack repository's build: a Build.cs in the shape a user writes (its own
/// target after Push, its own parameter, another default for one of Cascade's) compiles against Cascade.dll and
/// the framework alone, with no InternalsVisibleTo and none of Cascade's dependencies, and then runs.
/// </summary>
public sealed class UserBuildTests : IDisposable
{
    private const string UserBuild = """
        using Cascade;
        using Cascade.Engine;

        class Build : CascadeBuild
        {
            public static int Main() => Execute<Build>(x => x.Plan);

            public Build()
            {
                Parallelism = 7;
                Stack = "stacks";
            }

            [Parameter("Where the release note goes")]
            readonly string ReleaseNote = "notes.md";

            Target Announce => _ => _
                .Description("Tell the team what was pushed")
                .DependsOn(Push)
                .Executes(() => Out.WriteLine($"{ReleaseNote}: pushed from {RootDirectory} to {Registry ?? "no registry"}, {Parallelism} at once"));
        }
        """;

    private readonly EngineFixture _repository = new();

    [Fact]
    public void A_users_Build_cs_compiles_against_Cascade_dll_alone()
    {
        var (diagnostics, _) = Compile(UserBuild);

        diagnostics.Should().BeEmpty("a user's Build.cs must compile cleanly against the public surface");
    }

    [Fact]
    public void A_Build_cs_that_reaches_for_an_internal_type_does_not_compile()
    {
        // The check above can fail: without InternalsVisibleTo, what is internal stays out of reach.
        var (diagnostics, _) = Compile(UserBuild.Replace("readonly string ReleaseNote", "readonly Cascade.Stacks.StackSpec? Spec; readonly string ReleaseNote"));

        diagnostics.Should().Contain(d => d.Contains("CS0122") && d.Contains("StackSpec"));
    }

    [Fact]
    public void The_users_target_and_default_show_in_help()
    {
        var (diagnostics, image) = Compile(UserBuild);
        diagnostics.Should().BeEmpty();
        WriteStack(Path.Combine(_repository.Root, "stacks"));
        var context = new AssemblyLoadContext("user-build", isCollectible: true);
        try
        {
            var build = (NukeBuild)Activator.CreateInstance(context.LoadFromStream(new MemoryStream(image)).GetType("Build", throwOnError: true)!)!;

            var result = _repository.Run(build, ["--help"]);

            result.ExitCode.Should().Be(0, result.Output);
            result.Output.Should().MatchRegex(@"Announce +Tell the team what was pushed +-> Push");
            result.Output.Should().MatchRegex(@"--release-note <value> +Where the release note goes \(default: notes\.md\)");
            result.Output.Should().MatchRegex(@"--parallelism <number> +How many images may build at once \(default: 7\)");
            result.Output.Should().MatchRegex(@"app +Image [^ ]*app \(a root\)", "the changed stack folder was read");
        }
        finally { context.Unload(); }
    }

    private static (IReadOnlyList<string> Diagnostics, byte[] Image) Compile(string source)
    {
        var compilation = CSharpCompilation.Create(
            "_build",
            [CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest), "Build.cs")],
            References(),
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        var diagnostics = emitted.Diagnostics
            .Where(d => d.Severity >= DiagnosticSeverity.Warning)
            .Select(d => d.ToString())
            .ToList();
        return (diagnostics, image.ToArray());
    }

    /// <summary>Cascade.dll and the framework's own assemblies: nothing of the tests, nor Cascade's dependencies.</summary>
    private static IEnumerable<MetadataReference> References()
    {
        var framework = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        return trusted
            .Where(path => Path.GetDirectoryName(path) == framework)
            .Append(typeof(CascadeBuild).Assembly.Location)
            .Select(path => MetadataReference.CreateFromFile(path));
    }

    private static void WriteStack(string folder)
    {
        Directory.CreateDirectory(Path.Combine(folder, "app"));
        File.WriteAllText(Path.Combine(folder, "spec.yml"), "images:\n  app: {}\n");
        File.WriteAllText(Path.Combine(folder, "app", "Dockerfile"), "FROM scratch\n");
    }

    public void Dispose() => _repository.Dispose();
}
