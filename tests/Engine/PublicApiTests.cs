using System.Reflection;
using Cascade.Engine;
using Cascade.Tests.Support;

namespace Cascade.Tests.Engine;

/// <summary>
/// The engine's public surface is small on purpose (Build.cs is its only user); build/Engine/PublicAPI.txt
/// lists it, and this test fails when the code and the list drift apart.
/// </summary>
public sealed class PublicApiTests
{
    [Fact]
    public void The_public_surface_matches_PublicAPI_txt()
    {
        var actual = Surface();
        var file = RepositoryRoot.Combine("src", "Cascade", "Engine", "PublicAPI.txt");

        var listed = File.ReadAllLines(file).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();

        listed.Should().BeEquivalentTo(actual,
            "PublicAPI.txt must list exactly the public surface; the current surface is:\n" + string.Join("\n", actual));
    }

    private static List<string> Surface()
    {
        const BindingFlags flags = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var lines = new List<string>();
        foreach (var type in typeof(NukeBuild).Assembly.GetExportedTypes().Where(t => t.Namespace == "Cascade.Engine"))
        {
            lines.Add($"type {type.Name}");
            if (type.IsEnum)
            {
                lines.AddRange(Enum.GetNames(type).Select(n => $"{type.Name}.{n}"));
                continue;
            }
            foreach (var member in type.GetMembers(flags))
            {
                var visible = member switch
                {
                    MethodBase m => (m.IsPublic || m.IsFamily || m.IsFamilyOrAssembly) && (!m.IsSpecialName || m is ConstructorInfo),
                    PropertyInfo p => p.GetMethod is { } g && (g.IsPublic || g.IsFamily || g.IsFamilyOrAssembly),
                    _ => false,
                };
                if (!visible || type.IsSubclassOf(typeof(Delegate))) continue;
                lines.Add(member switch
                {
                    MethodInfo m => $"{type.Name}.{m.Name}({string.Join(", ", m.GetParameters().Select(p => Name(p.ParameterType)))}) : {Name(m.ReturnType)}",
                    ConstructorInfo c => $"{type.Name}.ctor({string.Join(", ", c.GetParameters().Select(p => Name(p.ParameterType)))})",
                    PropertyInfo p => $"{type.Name}.{p.Name} : {Name(p.PropertyType)}",
                    _ => member.Name,
                });
            }
        }
        return lines.Order(StringComparer.Ordinal).ToList();
    }

    private static string Name(Type type) =>
        type.IsArray ? Name(type.GetElementType()!) + "[]"
        : type.IsGenericType ? $"{type.Name[..type.Name.IndexOf('`')]}<{string.Join(", ", type.GetGenericArguments().Select(Name))}>"
        : type.Name;
}
