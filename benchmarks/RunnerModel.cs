namespace Cascade.Benchmarks;

/// <summary>One image as the simulation sees it: its own build and tests from scratch, the same when only its last line
/// runs again (the rest from the cache), and the size of its own layers and of a root's external base (compressed:
/// what a pull downloads).</summary>
internal sealed record ImageProfile(TimeSpan Work, TimeSpan EditedWork, double OwnGigabytes, double BaseGigabytes = 0);

/// <summary>
/// What a GitHub-hosted runner pays around an image's own work: the figures the simulated jobs are made of. Estimates
/// for a 4-core ubuntu-latest runner pulling from and pushing to ghcr.io; the same for every layout and for DataHub's
/// job, so the comparisons do not hang on them.
/// </summary>
internal sealed record RunnerModel
{
    /// <summary>Runner start, checkout, .NET set-up, the host-side test tools, the registry login.</summary>
    public TimeSpan Setup { get; init; } = TimeSpan.FromSeconds(35);

    /// <summary>`./build.sh` compiling build/ ReadyToRun with its NuGet packages cached: the plan job's, once per run
    /// when build/ changed (an image job used to pay it too).</summary>
    public TimeSpan Compile { get; init; } = TimeSpan.FromSeconds(45);

    /// <summary>An image job's (or the plan job's, when build/ did not change) restore of the compiled program from the cache.</summary>
    public TimeSpan ProgramRestore { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The plan job's own work: the full-history checkout, Plan, PlanOutputs, the plan's upload.</summary>
    public TimeSpan Planning { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>What a pull downloads and unpacks per second.</summary>
    public double PullGigabytesPerSecond { get; init; } = 0.1;

    /// <summary>What a push compresses and uploads per second.</summary>
    public double PushGigabytesPerSecond { get; init; } = 0.05;

    public TimeSpan Pull(double gigabytes) => TimeSpan.FromSeconds(gigabytes / PullGigabytesPerSecond);
    public TimeSpan Push(double gigabytes) => TimeSpan.FromSeconds(gigabytes / PushGigabytesPerSecond);

    /// <summary>The plan job: set-up, Cascade compiled (when build/ changed) or restored, the plan.</summary>
    public TimeSpan PlanJob(bool compiles) => Setup + (compiles ? Compile : ProgramRestore) + Planning;
}
