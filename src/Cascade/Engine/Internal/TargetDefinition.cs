using System.Linq.Expressions;

namespace Cascade.Engine.Internal;

/// <summary>A reference to another target, written either as the target itself or as its name.</summary>
internal readonly record struct TargetReference(Target? Target, string? Name);

/// <summary>What one call of a <see cref="Cascade.Engine.Target"/> delegate wrote down.</summary>
internal sealed class TargetDefinition : ITargetDefinition
{
    public string? DescriptionText { get; private set; }
    public List<TargetReference> Dependencies { get; } = [];
    public List<TargetReference> RunsAfter { get; } = [];
    public List<TargetReference> RunsBefore { get; } = [];
    public List<(Func<bool> Holds, string ReasonWhenFalse)> Conditions { get; } = [];
    public List<Expression<Func<object?>>> Requirements { get; } = [];
    public List<Func<Task>> Actions { get; } = [];
    public bool ProceedsAfterFailure { get; private set; }
    public bool IsAssuredAfterFailure { get; private set; }

    public ITargetDefinition Description(string text) { DescriptionText = text; return this; }

    public ITargetDefinition DependsOn(params Target[] targets) => Add(Dependencies, targets);
    public ITargetDefinition DependsOn(params string[] targetNames) => Add(Dependencies, targetNames);
    public ITargetDefinition After(params Target[] targets) => Add(RunsAfter, targets);
    public ITargetDefinition After(params string[] targetNames) => Add(RunsAfter, targetNames);
    public ITargetDefinition Before(params Target[] targets) => Add(RunsBefore, targets);
    public ITargetDefinition Before(params string[] targetNames) => Add(RunsBefore, targetNames);

    public ITargetDefinition OnlyWhen(Func<bool> condition) => OnlyWhen(condition, "condition is false");
    public ITargetDefinition OnlyWhen(Func<bool> condition, string reasonWhenFalse) { Conditions.Add((condition, reasonWhenFalse)); return this; }
    public ITargetDefinition Requires(Expression<Func<object?>> parameter) { Requirements.Add(parameter); return this; }

    public ITargetDefinition Executes(Action action)
    {
        Actions.Add(() => { action(); return Task.CompletedTask; });
        return this;
    }

    public ITargetDefinition Executes(Func<Task> action) { Actions.Add(action); return this; }
    public ITargetDefinition ProceedAfterFailure() { ProceedsAfterFailure = true; return this; }
    public ITargetDefinition AssuredAfterFailure() { IsAssuredAfterFailure = true; return this; }

    private TargetDefinition Add(List<TargetReference> list, Target[] targets)
    {
        list.AddRange(targets.Select(t => new TargetReference(t, null)));
        return this;
    }

    private TargetDefinition Add(List<TargetReference> list, string[] names)
    {
        list.AddRange(names.Select(n => new TargetReference(null, n)));
        return this;
    }
}
