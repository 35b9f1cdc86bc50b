using Cascade.Tests.Support;

namespace Cascade.Tests.Pipeline;

/// <summary>DESIGN.md's arrows: Reports reads run results; it does not serve the scheduler. The pipeline records
/// its test cases in its results, and Build*.cs hands those to Reports (junit.xml, results.json, the table).</summary>
public class PipelineArrowTests
{
    [Fact]
    public void The_pipeline_never_references_Reports()
    {
        var offenders = Directory.EnumerateFiles(RepositoryRoot.Combine("build", "Pipeline"), "*.cs", SearchOption.AllDirectories)
            .Where(f => File.ReadAllText(f).Contains("Cascade.Reports", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(RepositoryRoot.Path, f));
        offenders.Should().BeEmpty();
    }
}
