using Cascade;
using Cascade.Benchmarks;

/// <summary>Cascade's own build: every target of the product (<see cref="CascadeBuild"/>) and Cascade's benchmarks.
/// A stack repository's Build.cs has the same shape and inherits <see cref="CascadeBuild"/> alone.</summary>
class Build : BenchmarkBuild
{
    public static int Main() => Execute<Build>(x => x.Plan);
}
