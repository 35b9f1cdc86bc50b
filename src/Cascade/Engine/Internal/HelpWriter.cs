using System.Collections;
using System.Globalization;

namespace Cascade.Engine.Internal;

/// <summary>The text --help prints: usage, targets with their dependencies, parameters with their defaults.</summary>
internal static class HelpWriter
{
    internal static readonly (string Option, string Text)[] BuiltInOptions =
    [
        ("--target <targets>", "Targets to run; the same as naming them first"),
        ("--skip [<targets>]", "Skip these targets; alone, skip every dependency of the invoked targets"),
        ("--plan", "Write the execution plan (HTML) to .nuke/temp and run nothing"),
        ("--continue", "Finish the last attempt with the same arguments: skip the targets that succeeded in it"),
        ("--root <dir>", "Root directory (default: nearest folder holding .nuke/)"),
        ("--verbosity <level>", "quiet, minimal, normal or verbose (default: normal)"),
        ("--profile <names>", "Also load .nuke/parameters.<name>.json"),
        ("--help, -h", "Show this help"),
        ("--help-markdown", "Show this help as a Markdown page, for a repository's docs"),
        ("--version", "Show the version of Cascade this build references"),
    ];

    public static void Write(TextWriter output, TargetGraph graph, IReadOnlyList<ParameterMember> parameters)
    {
        output.WriteLine("Usage: build [targets] [--parameter value ...]");
        output.WriteLine();
        output.WriteLine("Targets (-> dependencies):");
        output.WriteLine();
        var targetRows = graph.All.Select(t => (
            Left: t.Name + (t.IsDefault ? " (default)" : ""),
            Right: Join(t.Description, t.Dependencies.Count > 0 ? "-> " + string.Join(", ", t.Dependencies.Select(d => d.Name)) : null)));
        WriteRows(output, targetRows.ToList());

        if (parameters.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("Parameters:");
            output.WriteLine();
            WriteRows(output, parameters.OrderBy(p => p.CliName, StringComparer.Ordinal)
                .Select(p => (p.Option + Placeholder(p), Join(p.Description, DefaultText(p), " ")))
                .ToList());
        }
        output.WriteLine();
        output.WriteLine("Options:");
        output.WriteLine();
        WriteRows(output, BuiltInOptions.Select(o => (o.Option, (string?)o.Text)).ToList());
        output.WriteLine();
        output.WriteLine("Parameters can also come from environment variables (BASE_REF for --base-ref) and .nuke/parameters.json.");
    }

    private static void WriteRows(TextWriter output, IReadOnlyList<(string Left, string? Right)> rows)
    {
        if (rows.Count == 0) return;
        // Keep columns aligned but do not let one very long name push every description off screen.
        var width = Math.Min(rows.Max(r => r.Left.Length), 40) + 2;
        foreach (var (left, right) in rows)
        {
            if (string.IsNullOrEmpty(right)) output.WriteLine("  " + left);
            else if (left.Length >= width) output.WriteLine($"  {left}{Environment.NewLine}  {new string(' ', width)}{right}");
            else output.WriteLine("  " + left.PadRight(width) + right);
        }
    }

    internal static string Placeholder(ParameterMember p)
    {
        var type = p.ValueType;
        if (p.IsSwitch) return "";
        if (p.IsList) return " <values>";
        if (type.IsEnum) return " <" + string.Join("|", Enum.GetNames(type).Select(n => n.ToLowerInvariant())) + ">";
        if (type == typeof(TimeSpan)) return " <duration>";
        if (type == typeof(int) || type == typeof(long) || type == typeof(double)) return " <number>";
        return " <value>";
    }

    private static string? DefaultText(ParameterMember p)
    {
        if (p.IsSecret) return "(secret)";
        var value = ShownDefault(p);
        return value is null ? null : $"(default: {value})";
    }

    /// <summary>The initial value as a person reads it (this machine's, this build's); none for an unset value or a
    /// switch that is off. The Markdown page prefers the attribute's words, which hold on every machine.</summary>
    internal static string? ShownDefault(ParameterMember p)
    {
        var value = Show(p.DefaultValue);
        return string.IsNullOrEmpty(value) || (p.IsSwitch && value == "false") ? null : value;
    }

    public static string? Show(object? value) => value switch
    {
        null => null,
        bool b => b ? "true" : "false",
        string s => s,
        TimeSpan t => t.ToString("c", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable items => string.Join(" ", items.Cast<object?>().Select(Show)),
        _ => value.ToString(),
    };

    private static string? Join(string? a, string? b, string separator = "  ") =>
        string.IsNullOrEmpty(a) ? b : string.IsNullOrEmpty(b) ? a : a + separator + b;
}
