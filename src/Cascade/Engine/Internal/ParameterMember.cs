using System.Reflection;

namespace Cascade.Engine.Internal;

/// <summary>One [Parameter] field or property of the build class, with the names it answers to.</summary>
internal sealed class ParameterMember
{
    private ParameterMember(MemberInfo member, Type type, ParameterAttribute attribute, bool isSecret)
    {
        Member = member;
        Type = type;
        Description = attribute.Description;
        IsSecret = isSecret;
        ShapesTargets = attribute.ShapesTargets;
        DefaultText = attribute.DefaultText;
        CliName = attribute.Name ?? Naming.ToKebabCase(member.Name);
    }

    public MemberInfo Member { get; }
    public string MemberName => Member.Name;
    public Type Type { get; }
    public string? Description { get; }
    public bool IsSecret { get; }
    public bool ShapesTargets { get; }
    /// <summary>The default in words, when the attribute gives it (see <see cref="ParameterAttribute.DefaultText"/>).</summary>
    public string? DefaultText { get; }

    /// <summary>Without the leading dashes: <c>base-ref</c>.</summary>
    public string CliName { get; }
    public string Option => "--" + CliName;
    public string EnvironmentName => Naming.ToUpperSnakeCase(MemberName);

    /// <summary>The type with any Nullable&lt;&gt; removed.</summary>
    public Type ValueType => Nullable.GetUnderlyingType(Type) ?? Type;
    public bool IsSwitch => ValueType == typeof(bool);
    public bool IsList => ValueType.IsArray;

    /// <summary>The value read before anything was injected: the member's initializer.</summary>
    public object? DefaultValue { get; private set; }

    public object? GetValue(object build) => Member switch
    {
        FieldInfo f => f.GetValue(build),
        PropertyInfo p => p.GetValue(build),
        _ => null,
    };

    public void SetValue(object build, object? value)
    {
        switch (Member)
        {
            case FieldInfo f: f.SetValue(build, value); break;
            case PropertyInfo p:
                var setter = p.GetSetMethod(nonPublic: true)
                    ?? throw new BuildUsageException($"Parameter {MemberName} has no setter; give it 'set' or 'init'.");
                setter.Invoke(build, [value]);
                break;
        }
    }

    public static IReadOnlyList<ParameterMember> Discover(object build)
    {
        var found = new List<ParameterMember>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        // Walk the hierarchy so private members of a base build class count too.
        for (var type = build.GetType(); type is not null && type != typeof(NukeBuild); type = type.BaseType)
        {
            const BindingFlags flags = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
            foreach (var member in type.GetMembers(flags))
            {
                if (member is not (FieldInfo or PropertyInfo)) continue;
                var attribute = member.GetCustomAttribute<ParameterAttribute>();
                if (attribute is null || !seen.Add(member.Name)) continue;
                var memberType = member is FieldInfo f ? f.FieldType : ((PropertyInfo)member).PropertyType;
                var parameter = new ParameterMember(member, memberType, attribute, member.GetCustomAttribute<SecretAttribute>() is not null);
                ValueConverter.EnsureSupported(parameter);
                parameter.DefaultValue = parameter.GetValue(build);
                found.Add(parameter);
            }
        }
        return found;
    }
}
