using Cascade.Pipeline;
using Cascade.Reports;
using Cascade.Stacks;
using Cascade.Tests.Support;

namespace Cascade.Tests.Pipeline;

/// <summary>--refresh as the pipeline does it: each image it builds pulls its external bases again, of the build's
/// platform, before its build, and builds without the layer cache. The real engine and registry: tests/Cli/RefreshCliTests.cs.</summary>
public sealed class RefreshTests
{
    private const string Upstream = "quay.io/jupyter/base-notebook:2026-01-05";
    private const string Pinned = "ghcr.io/o/tools@sha256:" + "ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12";

    private static async Task<(RunResult Result, FakeDockerEngine Engine, string Log)> RunAsync(bool refresh, Func<ImageSpec, ImageSpec>? tweak = null,
        Action<FakeDockerEngine>? arrange = null)
    {
        using var stack = new TempStack().Image("base", [], i => (tweak ?? (x => x))(i with { ExternalBases = [Upstream, Pinned] }))
            .Image("child", "base");
        var engine = new FakeDockerEngine();
        arrange?.Invoke(engine);
        var options = new RunOptions { Branch = "main", ArtifactsDirectory = stack.Artifacts, UpTo = PipelineStage.Build, Refresh = refresh };
        var result = await new DagScheduler(engine, new PlainRunReporter(TextWriter.Null, ResultsFile.Table), TimeProvider.System)
            .RunAsync(new RunRequest(stack.Spec, stack.Graph, stack.Graph.Images, options), CancellationToken.None);
        var logs = Directory.GetFiles(new ArtifactPaths(stack.Artifacts).ImageFolder("base"), "build.log", SearchOption.AllDirectories);
        return (result, engine, string.Join("\n", logs.Select(File.ReadAllText)));
    }

    [Fact]
    public async Task Each_external_base_is_pulled_again_before_the_build_and_nothing_comes_from_the_cache()
    {
        var (result, engine, log) = await RunAsync(refresh: true);

        result.Succeeded.Should().BeTrue(string.Join("\n", result.Images.Select(i => $"{i.Name}: {i.Status} {i.Reason}")));
        engine.Pulls.Should().Equal([(Upstream, null)], "the pinned base cannot have moved, and the child's parent is the stack's own");
        engine.Events.TakeWhile(e => e != "start base").Should().Contain("pull " + Upstream);
        engine.Builds.Should().OnlyContain(b => b.NoCache, "no step of any image it builds comes from the layer cache");
        log.Should().Contain($"Cascade: --refresh: pulling {Upstream} again").And.Contain("is pinned by its digest");
    }

    [Fact]
    public async Task Without_refresh_nothing_is_pulled_and_the_cache_is_used()
    {
        var (_, engine, _) = await RunAsync(refresh: false);

        engine.Pulls.Should().BeEmpty();
        engine.Builds.Should().OnlyContain(b => !b.NoCache);
    }

    [Fact]
    public async Task A_base_that_cannot_be_pulled_fails_its_image_before_the_build()
    {
        var (result, engine, log) = await RunAsync(refresh: true, arrange: e => e.FailPull.Add(Upstream));

        var failed = result.Images.Single(i => i.Name == "base");
        failed.Status.Should().Be(ImageStatus.Failed);
        failed.Reason.Should().Be($"could not pull {Upstream}: manifest unknown");
        engine.Builds.Should().BeEmpty();
        result.Images.Single(i => i.Name == "child").Status.Should().Be(ImageStatus.Skipped);
        log.Should().Contain("ERROR: could not pull");
    }

    [Fact]
    public async Task An_image_built_for_several_platforms_pulls_its_base_for_each()
    {
        var (result, engine, _) = await RunAsync(refresh: true, i => i with { Platforms = [Platform.LinuxAmd64, Platform.LinuxArm64] });

        result.Images.Single(i => i.Name == "base").IsAvailable.Should().BeTrue(result.Images.Single(i => i.Name == "base").Reason);
        engine.Pulls.Should().Equal((Upstream, Platform.LinuxAmd64), (Upstream, Platform.LinuxArm64));
    }
}
