using System.Reflection;

namespace Cascade.Engine.Internal;

/// <summary>
/// Runs scheduled targets one after another. A failure marks the targets that depend on it NotRun, and
/// stops the rest too unless the failed target said ProceedAfterFailure. A target that said
/// AssuredAfterFailure runs whatever failed before it.
/// </summary>
/// <param name="annotate">On GitHub Actions a failure also becomes an ::error:: annotation. Targets are not
/// folded into ::group::s: GitHub does not nest groups, and the targets' own output (each image's log) folds.</param>
/// <param name="stopping">Ctrl-C or SIGTERM: no target starts after it.</param>
internal sealed class TargetExecutor(TextWriter output, Verbosity verbosity, TimeProvider clock, bool annotate,
    CancellationToken stopping = default)
{
    public async Task<bool> RunAsync(IReadOnlyList<ExecutableTarget> order)
    {
        var halted = false;
        var succeeded = true;
        foreach (var target in order)
        {
            if (target.Status == TargetStatus.Skipped)
            {
                Note($"Skipping {target.Name} ({target.SkipReason}).");
                continue;
            }
            var blockedBy = target.Dependencies.FirstOrDefault(d => d.Status is TargetStatus.Failed or TargetStatus.NotRun);
            if (stopping.IsCancellationRequested || ((halted || blockedBy is not null) && !target.Definition.IsAssuredAfterFailure))
            {
                target.Status = TargetStatus.NotRun;
                continue;
            }
            var ok = await RunOneAsync(target);
            if (ok) continue;
            succeeded = false;
            if (!target.Definition.ProceedsAfterFailure) halted = true;
        }
        return succeeded;
    }

    private async Task<bool> RunOneAsync(ExecutableTarget target)
    {
        var started = clock.GetTimestamp();
        try
        {
            var unmet = target.Definition.Conditions.FirstOrDefault(condition => !condition.Holds());
            if (unmet.Holds is not null)
            {
                target.Status = TargetStatus.Skipped;
                target.SkipReason = unmet.ReasonWhenFalse;
                Note($"Skipping {target.Name} ({target.SkipReason}).");
                return true;
            }
            if (target.Definition.Actions.Count == 0)
            {
                target.Status = TargetStatus.Collective;
                return true;
            }
            Header(target.Name);
            foreach (var action in target.Definition.Actions)
                await action();
            target.Status = TargetStatus.Succeeded;
            return true;
        }
        catch (Exception e)
        {
            target.Status = TargetStatus.Failed;
            target.Duration = clock.GetElapsedTime(started);
            var cause = Unwrap(e);
            if (verbosity == Verbosity.Verbose) output.WriteLine(cause.ToString());
            output.WriteLine($"Target {target.Name} failed: {cause.Message}");
            if (annotate) output.WriteLine($"::error title=Target {target.Name} failed::{Escape(cause.Message)}");
            return false;
        }
        finally
        {
            if (target.Status != TargetStatus.Failed) target.Duration = clock.GetElapsedTime(started);
            output.Flush();
        }
    }

    // A workflow command's message is one line; GitHub decodes %0A back into line breaks.
    private static string Escape(string message) =>
        message.Replace("%", "%25").Replace("\r", "%0D").Replace("\n", "%0A");

    private static Exception Unwrap(Exception e) => e switch
    {
        TargetInvocationException { InnerException: { } inner } => Unwrap(inner),
        AggregateException { InnerExceptions.Count: 1 } aggregate => Unwrap(aggregate.InnerExceptions[0]),
        _ => e,
    };

    private void Header(string name)
    {
        if (verbosity >= Verbosity.Normal) output.WriteLine($"{Environment.NewLine}=== {name} ===");
    }

    private void Note(string text)
    {
        if (verbosity >= Verbosity.Normal) output.WriteLine(text);
    }
}
