using System.Collections;

namespace Cascade.Engine.Internal;

internal static partial class BuildRunner
{
    /// <summary>Registers every secret's value with the writer, so no line the build writes can show it.</summary>
    private static void HideSecrets(NukeBuild build, IReadOnlyList<ParameterMember> parameters, SecretMaskingWriter output)
    {
        foreach (var parameter in parameters.Where(p => p.IsSecret))
        {
            switch (parameter.GetValue(build))
            {
                case string text: output.AddSecret(text); break;
                case IEnumerable items: foreach (var item in items) output.AddSecret(item?.ToString()); break;
                case { } other: output.AddSecret(other.ToString()); break;
            }
        }
    }

    private static void WriteParameters(NukeBuild build, IReadOnlyList<ParameterMember> parameters, TextWriter output)
    {
        output.WriteLine($"Root directory: {build.RootDirectory}");
        foreach (var parameter in parameters.OrderBy(p => p.CliName, StringComparer.Ordinal))
        {
            var shown = parameter.IsSecret
                ? (parameter.GetValue(build) is null ? "(not set)" : "***")
                : HelpWriter.Show(parameter.GetValue(build)) ?? "(not set)";
            output.WriteLine($"  {parameter.Option} = {shown}");
        }
    }
}
