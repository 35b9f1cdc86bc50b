using Cascade.Tests.Support;

namespace Cascade.Tests.Cli;

/// <summary>.nuke/build.schema.json is rewritten on every run; the committed one must be what the build writes
/// today, or the nuke global tool and IDEs offer stale targets and parameters.</summary>
public sealed class BuildSchemaTests : IDisposable
{
    private readonly TempFolder _temp = new("cascade-schema-");
    private string root => _temp.Path;

    public BuildSchemaTests() => Directory.CreateDirectory(Path.Combine(root, ".nuke"));

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Committed_build_schema_is_the_one_the_build_writes()
    {
        // The stack named in parameters.json is the one the schema describes (one given on the command line is not).
        var stack = System.Text.Json.JsonSerializer.Serialize(RepositoryRoot.Combine("images"));
        File.WriteAllText(Path.Combine(root, ".nuke", "parameters.json"), $$"""{ "Stack": {{stack}} }""");
        var run = await CascadeProcess.RunAsync(root, ["--shell-completion"]);

        run.ExitCode.Should().Be(0, run.ToString());
        File.ReadAllText(Path.Combine(root, ".nuke", "build.schema.json")).Should().Be(
            File.ReadAllText(RepositoryRoot.Combine(".nuke", "build.schema.json")),
            "the committed .nuke/build.schema.json is stale: run ./build.sh --shell-completion and commit it");
    }
}
