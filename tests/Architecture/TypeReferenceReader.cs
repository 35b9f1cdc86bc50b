using System.Text.RegularExpressions;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace Cascade.Tests.Architecture;

/// <summary>One use of a type by compiled code: <see cref="From"/>'s <see cref="Member"/> names <see cref="To"/>.</summary>
public sealed record TypeReferenceUse(TypeDefinition From, string Member, TypeReference To);

/// <summary>
/// Every type a compiled assembly's types name, read from the IL (Mono.Cecil), not from the sources: base types,
/// interfaces, attributes, fields, properties, events, signatures, generic arguments and constraints, locals,
/// catch clauses and the operands of every instruction. Compiler-made nested types (lambdas' closures, async and
/// iterator state machines) count as their outermost declaring type, whose source they came from.
/// </summary>
public static partial class TypeReferenceReader
{
    public static IEnumerable<TypeReferenceUse> Read(ModuleDefinition module) =>
        module.GetTypes().SelectMany(type => Uses(type).Select(u => u with { From = Outermost(type) }));

    /// <summary>The type a nested type was declared in, all the way out.</summary>
    public static TypeReference Outermost(TypeReference type)
    {
        while (type.DeclaringType is not null) type = type.DeclaringType;
        return type;
    }

    private static TypeDefinition Outermost(TypeDefinition type)
    {
        while (type.DeclaringType is not null) type = type.DeclaringType;
        return type;
    }

    private static IEnumerable<TypeReferenceUse> Uses(TypeDefinition type)
    {
        var declaration = new List<TypeReference>();
        if (type.BaseType is not null) declaration.Add(type.BaseType);
        declaration.AddRange(type.Interfaces.Select(i => i.InterfaceType));
        declaration.AddRange(Attributes(type));
        declaration.AddRange(Constraints(type.GenericParameters));
        var uses = declaration.Select(t => Use(type, "(declaration)", t)).ToList();
        foreach (var field in type.Fields)
            uses.AddRange(Named(type, field.Name, [field.FieldType, .. Attributes(field)]));
        foreach (var property in type.Properties)
            uses.AddRange(Named(type, property.Name, [property.PropertyType, .. Attributes(property)]));
        foreach (var @event in type.Events)
            uses.AddRange(Named(type, @event.Name, [@event.EventType]));
        foreach (var method in type.Methods)
            uses.AddRange(Named(type, method.Name, MethodTypes(method)));
        return uses.SelectMany(u => Parts(u.To).Select(part => u with { To = part }));
    }

    private static IEnumerable<TypeReferenceUse> Named(TypeDefinition type, string member, IEnumerable<TypeReference> types) =>
        types.Select(t => Use(type, member, t));

    private static TypeReferenceUse Use(TypeDefinition type, string member, TypeReference to) => new(type, SourceMember(type, member), to);

    /// <summary>The member as its source names it: a lambda or local function (`&lt;Run&gt;b__0`) and a state machine's
    /// parts (`&lt;RunAsync&gt;d__3.MoveNext`) are their method's; a closure's captured variable is "(closure)".</summary>
    private static string SourceMember(TypeDefinition type, string member)
    {
        if (CompilerMadeName().Match(member) is { Success: true } inMethod) return inMethod.Groups["method"].Value;
        if (type.DeclaringType is null) return member;
        if (StateMachineName().Match(type.Name) is { Success: true } machine) return machine.Groups["method"].Value;
        return type.Name.StartsWith('<') ? "(closure)" : $"{type.Name}.{member}";
    }

    [GeneratedRegex(@"^<(?<method>[^>]+)>[a-z]__")]
    private static partial Regex CompilerMadeName();

    [GeneratedRegex(@"^<(?<method>[^>]+)>d__")]
    private static partial Regex StateMachineName();

    private static IEnumerable<TypeReference> MethodTypes(MethodDefinition method)
    {
        yield return method.ReturnType;
        foreach (var parameter in method.Parameters) yield return parameter.ParameterType;
        foreach (var t in Attributes(method)) yield return t;
        foreach (var t in Constraints(method.GenericParameters)) yield return t;
        if (!method.HasBody) yield break;
        foreach (var local in method.Body.Variables) yield return local.VariableType;
        foreach (var handler in method.Body.ExceptionHandlers)
            if (handler.CatchType is not null) yield return handler.CatchType;
        foreach (var instruction in method.Body.Instructions)
            foreach (var t in OperandTypes(instruction)) yield return t;
    }

    private static IEnumerable<TypeReference> OperandTypes(Instruction instruction) => instruction.Operand switch
    {
        TypeReference type => [type],
        FieldReference field => [field.DeclaringType, field.FieldType],
        MethodReference method => MethodReferenceTypes(method),
        _ => [],
    };

    private static IEnumerable<TypeReference> MethodReferenceTypes(MethodReference method)
    {
        yield return method.DeclaringType;
        yield return method.ReturnType;
        foreach (var parameter in method.Parameters) yield return parameter.ParameterType;
        if (method is GenericInstanceMethod generic)
            foreach (var argument in generic.GenericArguments) yield return argument;
    }

    private static IEnumerable<TypeReference> Attributes(ICustomAttributeProvider provider) =>
        provider.CustomAttributes.SelectMany(a => a.ConstructorArguments.Select(c => c.Value).OfType<TypeReference>().Prepend(a.AttributeType));

    private static IEnumerable<TypeReference> Constraints(IEnumerable<GenericParameter> parameters) =>
        parameters.SelectMany(p => p.Constraints.Select(c => c.ConstraintType));

    /// <summary>A constructed type's named parts: List&lt;Foo[]&gt; names List and Foo; a generic parameter names nothing.</summary>
    private static IEnumerable<TypeReference> Parts(TypeReference type) => type switch
    {
        GenericParameter => [],
        GenericInstanceType generic => Parts(generic.ElementType).Concat(generic.GenericArguments.SelectMany(Parts)),
        TypeSpecification { ElementType: not null } specification => Parts(specification.ElementType),
        TypeSpecification => [],
        _ => [type],
    };
}
