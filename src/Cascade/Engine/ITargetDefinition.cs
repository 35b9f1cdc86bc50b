using System.Linq.Expressions;

namespace Cascade.Engine;

/// <summary>The fluent vocabulary a target is written in. Every call returns the same definition.</summary>
public interface ITargetDefinition
{
    /// <summary>The one line --help shows beside the target's name.</summary>
    ITargetDefinition Description(string text);

    /// <summary>These targets run first, and a failure in one of them stops this target (status NotRun).</summary>
    ITargetDefinition DependsOn(params Target[] targets);
    /// <summary>As <see cref="DependsOn(Target[])"/>, naming the targets: for those added in OnBuildCreated.</summary>
    ITargetDefinition DependsOn(params string[] targetNames);

    /// <summary>Ordering only: if both are scheduled, this target runs after them. Nothing gets scheduled.</summary>
    ITargetDefinition After(params Target[] targets);
    /// <summary>As <see cref="After(Target[])"/>, naming the targets.</summary>
    ITargetDefinition After(params string[] targetNames);

    /// <summary>Ordering only: if both are scheduled, this target runs before them. Nothing gets scheduled.</summary>
    ITargetDefinition Before(params Target[] targets);
    /// <summary>As <see cref="Before(Target[])"/>, naming the targets.</summary>
    ITargetDefinition Before(params string[] targetNames);

    /// <summary>Evaluated just before the target would run; when any condition is false the target is Skipped.</summary>
    ITargetDefinition OnlyWhen(Func<bool> condition);

    /// <summary>As <see cref="OnlyWhen(Func{bool})"/>, and the skip says <paramref name="reasonWhenFalse"/>.</summary>
    ITargetDefinition OnlyWhen(Func<bool> condition, string reasonWhenFalse);

    /// <summary>Checked before any target runs: a null or empty value stops the build with a clear message.</summary>
    ITargetDefinition Requires(Expression<Func<object?>> parameter);

    /// <summary>The work. Several calls run in the order written.</summary>
    ITargetDefinition Executes(Action action);
    /// <summary>Asynchronous work, awaited before the next action or target.</summary>
    ITargetDefinition Executes(Func<Task> action);

    /// <summary>When this target fails, targets that do not depend on it still run.</summary>
    ITargetDefinition ProceedAfterFailure();

    /// <summary>This target runs even when a dependency or an earlier target failed (as NUKE's): for work
    /// that carries on past failures and must still be reported, or cleanup.</summary>
    ITargetDefinition AssuredAfterFailure();
}
