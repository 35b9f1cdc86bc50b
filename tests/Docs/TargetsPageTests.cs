using Cascade.Tests.Support;

namespace Cascade.Tests.Docs;

/// <summary>docs/02-targets-and-parameters.md is what `./build.sh --help-markdown` prints for the repository's own
/// build: the targets' and parameters' texts live in the code, and the page must say what the code says.</summary>
public sealed class TargetsPageTests : IDisposable
{
    private const string PagePath = "docs/02-targets-and-parameters.md";
    private readonly OwnStackRoot root = new();

    public void Dispose() => root.Dispose();

    [Fact]
    public async Task The_committed_page_is_the_one_the_build_prints()
    {
        var run = await root.RunAsync("--help-markdown");
        run.ExitCode.Should().Be(0, run.ToString());

        // To regenerate: ./build.sh --help-markdown > docs/02-targets-and-parameters.md (or CASCADE_WRITE_DOCS=1 on this test).
        var page = RepositoryRoot.Combine(PagePath.Split('/'));
        if (Environment.GetEnvironmentVariable("CASCADE_WRITE_DOCS") == "1") File.WriteAllText(page, run.Stdout);
        File.ReadAllText(page).Should().Be(run.Stdout,
            $"{PagePath} is stale: run ./build.sh --help-markdown > {PagePath} and commit it");
    }
}
