using Cascade.Tests.Support;

namespace Cascade.Tests.Cli;

/// <summary>.nuke/build.schema.json is rewritten on every run; the committed one must be what the build writes
/// today, or the nuke global tool and IDEs offer stale targets and parameters.</summary>
public sealed class BuildSchemaTests : IDisposable
{
    private readonly OwnStackRoot root = new();

    public void Dispose() => root.Dispose();

    [Fact]
    public async Task Committed_build_schema_is_the_one_the_build_writes()
    {
        var run = await root.RunAsync("--shell-completion");

        run.ExitCode.Should().Be(0, run.ToString());
        File.ReadAllText(Path.Combine(root.Root, ".nuke", "build.schema.json")).Should().Be(
            File.ReadAllText(RepositoryRoot.Combine(".nuke", "build.schema.json")),
            "the committed .nuke/build.schema.json is stale: run ./build.sh --shell-completion and commit it");
    }
}
