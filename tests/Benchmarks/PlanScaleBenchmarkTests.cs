using Cascade.Benchmarks;
using Cascade.Tests.Support;

namespace Cascade.Tests.Benchmarks;

/// <summary>The Plan benchmark at a tiny size, against the real Cascade built next to the tests.</summary>
public sealed class PlanScaleBenchmarkTests : IDisposable
{
    private readonly TempFolder _temp = new("cascade-bench-test-root-");
    private string _root => _temp.Path;
    private readonly CascadeCommand _cascade = CascadeCommand.ForDll(Path.Combine(AppContext.BaseDirectory, "_build.dll"));

    public PlanScaleBenchmarkTests() => Directory.CreateDirectory(Path.Combine(_root, ".nuke"));

    public void Dispose() => _temp.Dispose();

    private static string RepositoryImages() => Support.RepositoryRoot.Combine("images");

    private static HashSet<string> TempFolders() =>
        Directory.EnumerateDirectories(Path.GetTempPath(), "cascade-bench-*").Where(d => !d.Contains("test-root")).ToHashSet();

    [Fact]
    public async Task Times_Cascade_Plan_on_both_stacks_and_deletes_its_temp_folders()
    {
        var before = TempFolders();
        var log = new StringWriter();

        var result = await new PlanScaleBenchmark(_cascade, _root, RepositoryImages(), log, TimeProvider.System)
            .RunAsync(new PlanScaleOptions { ImageCount = 30, ChangedPathCount = 60, Warmups = 0, Repetitions = 2 }, CancellationToken.None);

        result.Sample.Samples.Should().HaveCount(2).And.OnlyContain(t => t > TimeSpan.Zero);
        result.Generated.Samples.Should().HaveCount(2).And.OnlyContain(t => t > TimeSpan.Zero);
        result.Generation.Should().BePositive();
        result.ToTable().Cases.Single().MaxRatio.Should().Be(2.0);
        log.ToString().Should().Contain("Plan generated run 2");
        TempFolders().Except(before).Should().BeEmpty("the sample and generated repositories are deleted");
    }

    [Fact]
    public async Task A_Cascade_run_that_fails_stops_the_benchmark_with_Cascades_error()
    {
        var failing = _cascade with { LeadingArguments = [.. _cascade.LeadingArguments, "--no-such-parameter"] };

        var act = () => new PlanScaleBenchmark(failing, _root, RepositoryImages(), TextWriter.Null, TimeProvider.System)
            .RunAsync(new PlanScaleOptions { ImageCount = 3, ChangedPathCount = 3, Warmups = 0, Repetitions = 1 }, CancellationToken.None);

        (await act.Should().ThrowAsync<BenchmarkException>()).Which.Message.Should()
            .Contain("exited with code 2").And.Contain("Unknown parameter '--no-such-parameter'");
    }

    [Fact]
    public async Task A_broken_sample_spec_is_reported_as_the_spec_error_with_its_line()
    {
        var stack = Path.Combine(_root, "broken");
        Directory.CreateDirectory(Path.Combine(stack, "a"));
        File.WriteAllText(Path.Combine(stack, "a", "Dockerfile"), "FROM scratch\n");
        File.WriteAllText(Path.Combine(stack, "spec.yml"), "images:\n  a:\n    depend_on: nowhere\n");

        var act = () => new PlanScaleBenchmark(_cascade, _root, stack, TextWriter.Null, TimeProvider.System)
            .RunAsync(new PlanScaleOptions { ImageCount = 3, ChangedPathCount = 3, Warmups = 0, Repetitions = 1 }, CancellationToken.None);

        (await act.Should().ThrowAsync<Cascade.Stacks.SpecException>()).Which.Message.Should().Contain("spec.yml:3").And.Contain("nowhere");
    }
}
