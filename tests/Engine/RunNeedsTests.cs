using Cascade.Engine;

namespace Cascade.Tests.Engine;

/// <summary>RunNeeds: a build asks, in OnBuildCreated, whether this run's targets are a target or depend on it — the
/// answer comes from the target graph, so no list of targets repeats it.</summary>
public sealed class RunNeedsTests : IDisposable
{
    private readonly EngineFixture _fixture = new();
    public void Dispose() => _fixture.Dispose();

    [Theory]
    [InlineData("Compile", true)]
    [InlineData("Test", true)] // through Compile
    [InlineData("Everything", true)] // through Test and Pack, by delegate and by name
    [InlineData("Restore", false)]
    [InlineData("Lint", false)] // Before(Compile) orders, it does not depend
    [InlineData("Added", false)] // added in OnBuildCreated
    public void Answers_from_the_targets_dependencies(string target, bool needsCompile)
    {
        var result = _fixture.Run(new AskingBuild(), [target]);

        result.ExitCode.Should().Be(0, result.Output);
        result.Build.NeedsCompile.Should().Be(needsCompile);
    }

    [Fact]
    public void Without_a_named_target_asks_about_the_default_ones()
    {
        _fixture.Run(new AskingBuild(), [], defaults: x => x.Test).Build.NeedsCompile.Should().BeTrue();
        _fixture.Run(new AskingBuild(), [], defaults: x => x.Restore).Build.NeedsCompile.Should().BeFalse();
    }

    [Fact]
    public void Several_targets_need_it_when_one_does()
    {
        _fixture.Run(new AskingBuild(), ["Restore", "Pack"]).Build.NeedsCompile.Should().BeTrue();
    }

    private sealed class AskingBuild : NukeBuild
    {
        public bool? NeedsCompile { get; private set; }

        public Target Restore => _ => _.Executes(() => { });
        public Target Compile => _ => _.DependsOn(Restore).Executes(() => { });
        public Target Test => _ => _.DependsOn(Compile).Executes(() => { });
        public Target Pack => _ => _.DependsOn(nameof(Compile)).Executes(() => { });
        public Target Lint => _ => _.Before(Compile).Executes(() => { });
        public Target Everything => _ => _.DependsOn(Test, Pack);

        protected override void OnBuildCreated()
        {
            NeedsCompile = RunNeeds(Compile);
            AddTarget("Added", _ => _.DependsOn(Restore).Executes(() => { }));
        }
    }
}
