namespace Cascade.Engine.Internal;

internal static partial class BuildRunner
{
    /// <summary>One attempt at the invoked targets: their order, the log of attempts --continue reads, and this
    /// attempt's identity in it (the targets and arguments).</summary>
    private sealed record Attempt(IReadOnlyList<ExecutableTarget> Order, AttemptLog Log, string Identity);

    /// <summary>The invoked targets and what they depend on, in order, less what --skip and --continue leave out;
    /// the build is told all of it.</summary>
    private static Attempt Schedule(NukeBuild build, TargetGraph graph, CommandLine line)
    {
        var invoked = Invoked(graph, line);
        var order = graph.Schedule(invoked);
        MarkSkipped(graph, line, invoked, order);
        var attempts = new AttemptLog(build.TemporaryDirectory);
        var identity = AttemptLog.Identify(line, invoked.Select(t => t.Name));
        var previous = line.Continue ? attempts.SucceededBefore(identity) : new HashSet<string>();
        foreach (var target in order.Where(t => previous.Contains(t.Name)))
            (target.Status, target.SkipReason) = (TargetStatus.Skipped, SucceededBefore);
        build.InvokedTargets = invoked.Select(t => t.Name).ToList();
        build.ExecutionPlan = order.Select(t => t.Name).ToList();
        build.ScheduledTargets = order.Where(t => t.Status != TargetStatus.Skipped).Select(t => t.Name).ToList();
        build.SkippedTargets = order.Where(t => t.SkipReason == SkippedByOption).Select(t => t.Name).ToList();
        return new Attempt(order, attempts, identity);
    }

    /// <summary>Runs the attempt's targets until done or stopped (Ctrl+C, SIGTERM), records what succeeded, and
    /// ends with the summary table.</summary>
    private static async Task<int> ExecuteAsync(NukeBuild build, Attempt attempt, EngineHost host, TextWriter output, Verbosity verbosity)
    {
        var (order, attempts, identity) = attempt;
        var annotate = CiHost.IsGitHubActions(host.Environment);
        // Written before anything runs, so that a run that is killed half-way leaves no earlier attempt's
        // successes behind for --continue to skip: only what this attempt carries over from the last.
        attempts.Record(identity, order.Where(t => t.SkipReason == SucceededBefore).Select(t => t.Name));
        using var signals = new StopSignals();
        build.StopToken = signals.Token;
        var succeeded = await new TargetExecutor(output, verbosity, host.Clock, annotate, signals.Token).RunAsync(order);
        attempts.Record(identity, order
            .Where(t => t.Status is TargetStatus.Succeeded or TargetStatus.Collective || t.SkipReason == SucceededBefore)
            .Select(t => t.Name));
        succeeded &= Finish(build, output, verbosity);
        SummaryWriter.Write(output, order, succeeded, host.Clock.GetUtcNow(), host.Colour, verbosity);
        return signals.ExitCode ?? (succeeded ? ExitCodes.Success : ExitCodes.Failure);
    }
}
