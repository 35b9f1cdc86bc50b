using System.Text;

namespace Cascade.Engine.Internal;

/// <summary>The spellings one name takes: member <c>BaseRef</c>, option <c>--base-ref</c>, variable <c>BASE_REF</c>.</summary>
internal static class Naming
{
    public static string ToKebabCase(string name)
    {
        var sb = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (c is '_' or '-' or ' ')
            {
                if (sb.Length > 0 && sb[^1] != '-') sb.Append('-');
                continue;
            }
            if (char.IsUpper(c) && i > 0 && sb.Length > 0 && sb[^1] != '-')
            {
                var previous = name[i - 1];
                var nextIsLower = i + 1 < name.Length && char.IsLower(name[i + 1]);
                // "BaseRef" → base-ref, "CIBuild" → ci-build (the last capital of a run starts the next word).
                if (char.IsLower(previous) || char.IsDigit(previous) || (char.IsUpper(previous) && nextIsLower))
                    sb.Append('-');
            }
            sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString().Trim('-');
    }

    public static string ToUpperSnakeCase(string name) => ToKebabCase(name).Replace('-', '_').ToUpperInvariant();

    /// <summary>
    /// The form names are compared in: case, dashes and underscores ignored, so <c>generate-workflows</c>,
    /// <c>GenerateWorkflows</c> and <c>generateworkflows</c> all name the same target.
    /// </summary>
    public static string Normalize(string name)
    {
        // Called for every target and every reference to one (thousands for a big stack): no StringBuilder.
        var kept = name.Length - name.AsSpan().Count('-') - name.AsSpan().Count('_');
        return string.Create(kept, name, static (span, source) =>
        {
            var i = 0;
            foreach (var c in source)
                if (c is not ('-' or '_'))
                    span[i++] = char.ToLowerInvariant(c);
        });
    }
}
