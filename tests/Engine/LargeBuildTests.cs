using Cascade.Engine;

namespace Cascade.Tests.Engine;

/// <summary>A stack of thousands of images becomes thousands of added targets; the engine schedules them all (how fast is the Benchmark target's Plan-at-scale figure, not a test's).</summary>
public sealed class LargeBuildTests : IDisposable
{
    private readonly EngineFixture _fixture = new();
    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void Five_thousand_chained_targets_schedule_and_run_in_order()
    {
        var build = new ChainBuild(5000);

        var result = _fixture.Run(build, ["Image4999", "--verbosity", "minimal"]);

        result.ExitCode.Should().Be(0, result.Output.Length > 2000 ? result.Output[..2000] : result.Output);
        build.Ran.Should().HaveCount(5000);
        build.Ran.Should().Equal(Enumerable.Range(0, 5000).Select(i => $"Image{i}"));
        File.ReadAllText(_fixture.SchemaPath).Should().Contain("\"Image4999\"");
    }

    private sealed class ChainBuild(int count) : NukeBuild
    {
        public List<string> Ran { get; } = [];

        protected override void OnBuildCreated()
        {
            // Declared in reverse so the order comes from the dependencies, not from declaration.
            for (var i = count - 1; i >= 0; i--)
            {
                var name = $"Image{i}";
                var parent = i == 0 ? null : $"Image{i - 1}";
                AddTarget(name, _ =>
                {
                    var definition = _.Executes(() => Ran.Add(name));
                    return parent is null ? definition : definition.DependsOn(parent);
                });
            }
        }
    }
}
