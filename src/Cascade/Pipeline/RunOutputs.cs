using Cascade.Docker;

namespace Cascade.Pipeline;

/// <summary>What a run reads and writes beyond its images, from the folders that render and record (Reports,
/// Publishing), which the pipeline does not read: the target layer joins them.</summary>
/// <param name="CreateReporter">The reporter that draws the run's progress and its closing table.</param>
/// <param name="KeepAsync">After the run: its test reports, results files and (a Push's) ledger entry.</param>
sealed record RunOutputs(
    Func<IRunReporter> CreateReporter,
    Func<IDockerEngine, RunResult, RunOptions, CancellationToken, Task> KeepAsync);
