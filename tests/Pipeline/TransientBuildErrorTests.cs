using Cascade.Docker;
using Cascade.Pipeline;
using Cascade.Reports;
using Cascade.Tests.Support;

namespace Cascade.Tests.Pipeline;

/// <summary>A build that fails for a reason that says nothing about the image (a concurrent prune, a reset
/// connection) is built once more, and says so; a second failure is reported as it is. The real engine's side
/// of it is in tests/Docker/TransientEngineErrorTests.cs.</summary>
public sealed class TransientBuildErrorTests
{
    private static async Task<(RunResult Result, FakeDockerEngine Engine, string Log)> RunAsync(Action<FakeDockerEngine> arrange)
    {
        using var stack = new TempStack().Image("base").Image("child", "base");
        var engine = new FakeDockerEngine();
        arrange(engine);
        var options = new RunOptions { Branch = "main", ArtifactsDirectory = stack.Artifacts, UpTo = PipelineStage.Build };
        var result = await new DagScheduler(engine, new PlainRunReporter(TextWriter.Null, ResultsFile.Table), TimeProvider.System)
            .RunAsync(new RunRequest(stack.Spec, stack.Graph, stack.Graph.Images, options), CancellationToken.None);
        var log = File.ReadAllText(new ArtifactPaths(stack.Artifacts).BuildLog("base"));
        return (result, engine, log);
    }

    private static int BuildsOf(FakeDockerEngine engine, string image) =>
        engine.Builds.Count(b => Path.GetFileName(b.ContextDirectory) == image);

    [Fact]
    public async Task A_pruned_parent_layer_is_built_again_once_and_the_reason_is_logged()
    {
        var (result, engine, log) = await RunAsync(e => e.TransientFailures["base"] = 1);

        result.Succeeded.Should().BeTrue(string.Join("\n", result.Images.Select(i => $"{i.Name}: {i.Status} {i.Reason}")));
        BuildsOf(engine, "base").Should().Be(2);
        BuildsOf(engine, "child").Should().Be(1, "the child waited for its parent's second build");
        log.Should().Contain("Cascade: built again after a transient engine error: failed to set parent sha256:0f3c…: unknown parent image ID");
        result.Images.Single(i => i.Name == "base").Reason.Should().StartWith("built again after a transient engine error: failed to set parent");
    }

    [Fact]
    public async Task A_second_transient_failure_is_reported_as_it_is()
    {
        var (result, engine, log) = await RunAsync(e => e.TransientFailures["base"] = 2);

        BuildsOf(engine, "base").Should().Be(2, "one retry, no more");
        var failed = result.Images.Single(i => i.Name == "base");
        failed.Status.Should().Be(ImageStatus.Failed);
        failed.Reason.Should().Be(engine.TransientError);
        result.Images.Single(i => i.Name == "child").Status.Should().Be(ImageStatus.Skipped);
        log.Should().Contain("Cascade: built again after a transient engine error");
    }

    [Fact]
    public async Task A_failing_step_is_not_built_again()
    {
        var (result, engine, log) = await RunAsync(e => e.FailBuild.Add("base"));

        BuildsOf(engine, "base").Should().Be(1);
        result.Images.Single(i => i.Name == "base").Reason.Should().Be("RUN false: exit code 1");
        log.Should().NotContain("built again");
    }

    [Theory]
    [InlineData("failed to set parent sha256:abc: unknown parent image ID sha256:abc", true)]
    [InlineData("failed to set parent sha256:abc", true)]
    [InlineData("unable to find image \"sha256:665453c2a84707f9e73d606b9eeb71351d77245910c3444a70beb3b87924ed2f\"", true)]
    [InlineData("unable to find image \"o/missing:1\"", false)]
    [InlineData("read unix @->/var/run/docker.sock: read: Connection reset by peer", true)]
    [InlineData("write unix @->/var/run/docker.sock: write: broken pipe", true)]
    [InlineData("The command '/bin/sh -c false' returned a non-zero code: 1", false)]
    [InlineData("COPY failed: file not found in build context", false)]
    [InlineData(null, false)]
    public void Which_errors_are_transient(string? error, bool transient) =>
        TransientEngineError.Matches(error).Should().Be(transient);
}
