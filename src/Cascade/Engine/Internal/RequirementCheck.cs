using System.Collections;
using System.Linq.Expressions;
using System.Reflection;

namespace Cascade.Engine.Internal;

/// <summary>Checks every Requires(() => X) of the targets about to run, before any of them runs.</summary>
internal static class RequirementCheck
{
    public static void Ensure(IEnumerable<ExecutableTarget> targets, IReadOnlyList<ParameterMember> parameters)
    {
        var missing = new List<string>();
        foreach (var target in targets.Where(t => t.Status != TargetStatus.Skipped))
            foreach (var requirement in target.Definition.Requirements)
                if (IsMissing(Evaluate(requirement)))
                    missing.Add($"parameter {OptionName(requirement, parameters)} is required by target {target.Name}");
        if (missing.Count > 0)
            throw new BuildUsageException(string.Join(Environment.NewLine, missing.Select(m => char.ToUpperInvariant(m[0]) + m[1..] + "."))
                + Environment.NewLine + "Give it on the command line, as an environment variable, or in .nuke/parameters.json.");
    }

    private static bool IsMissing(object? value) => value switch
    {
        null => true,
        string s => string.IsNullOrWhiteSpace(s),
        ICollection c => c.Count == 0,
        _ => false,
    };

    private static object? Evaluate(Expression<Func<object?>> requirement)
    {
        // () => Member on a constant (the build or a closure) is read by reflection: compiling thousands of
        // expression trees would cost more than the build's start-up budget allows.
        if (Unconvert(requirement.Body) is MemberExpression { Expression: ConstantExpression owner } member)
            return member.Member switch
            {
                FieldInfo f => f.GetValue(owner.Value),
                PropertyInfo p => p.GetValue(owner.Value),
                _ => requirement.Compile()(),
            };
        return requirement.Compile()();
    }

    private static string OptionName(Expression<Func<object?>> requirement, IReadOnlyList<ParameterMember> parameters)
    {
        if (Unconvert(requirement.Body) is not MemberExpression member) return requirement.Body.ToString();
        var parameter = parameters.FirstOrDefault(p => p.MemberName == member.Member.Name);
        return parameter?.Option ?? "--" + Naming.ToKebabCase(member.Member.Name);
    }

    private static Expression Unconvert(Expression e) =>
        e is UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked } u ? Unconvert(u.Operand) : e;
}
