using System.Globalization;
using System.Text.Json;

namespace Cascade.Engine.Internal;

/// <summary>Turns the text (or JSON) a parameter was given into the member's type, or explains why not.</summary>
internal static class ValueConverter
{
    private static readonly string[] TrueWords = ["true", "yes", "on", "1"];
    private static readonly string[] FalseWords = ["false", "no", "off", "0"];

    public static void EnsureSupported(ParameterMember parameter)
    {
        var type = parameter.ValueType.IsArray ? parameter.ValueType.GetElementType()! : parameter.ValueType;
        if (type == typeof(string) || type == typeof(bool) || type == typeof(int) || type == typeof(long)
            || type == typeof(double) || type == typeof(TimeSpan) || type.IsEnum)
            return;
        throw new BuildUsageException(
            $"Parameter {parameter.MemberName} has type {parameter.Type.Name}, which the engine cannot read; use string, bool, int, double, TimeSpan, an enum, or an array of those.");
    }

    public static bool IsBooleanWord(string text) =>
        TrueWords.Contains(text, StringComparer.OrdinalIgnoreCase) || FalseWords.Contains(text, StringComparer.OrdinalIgnoreCase);

    /// <summary>Converts command-line or environment words. A switch with no words means true.</summary>
    /// <param name="splitWords">
    /// True for sources that carry a list as one word (an environment variable, a JSON string); the command
    /// line already separates the words, and a value there may contain spaces on purpose.
    /// </param>
    public static object? FromText(ParameterMember parameter, IReadOnlyList<string> words, string source, bool splitWords = false)
    {
        if (parameter.IsList)
        {
            var elementType = parameter.ValueType.GetElementType()!;
            var items = splitWords ? words.SelectMany(SplitListWord).ToArray() : words.ToArray();
            var array = Array.CreateInstance(elementType, items.Length);
            for (var i = 0; i < items.Length; i++)
                array.SetValue(Scalar(parameter, elementType, items[i], source), i);
            return array;
        }
        if (parameter.IsSwitch && words.Count == 0) return true;
        if (words.Count == 0)
            throw new BuildUsageException($"Parameter {parameter.Option} needs a value ({Describe(parameter.ValueType)}).", ExitCodes.InvalidArguments);
        if (words.Count > 1)
            throw new BuildUsageException($"Parameter {parameter.Option} takes one value but {source} gave {words.Count}.", ExitCodes.InvalidArguments);
        return Scalar(parameter, parameter.ValueType, words[0], source);
    }

    public static object? FromJson(ParameterMember parameter, JsonElement element, string source)
    {
        if (element.ValueKind == JsonValueKind.Null) return null;
        if (element.ValueKind == JsonValueKind.Array)
            return FromText(parameter, element.EnumerateArray().Select(JsonWord).ToList(), source);
        // A JSON string for a list is one word that may itself hold several names ("a b").
        return FromText(parameter, [JsonWord(element)], source, splitWords: true);
    }

    private static string JsonWord(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString() ?? "",
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => e.GetRawText(),
    };

    // Environment variables and JSON strings carry lists as one word: "a b", "a,b" or "a;b".
    private static IEnumerable<string> SplitListWord(string word) =>
        word.Split([' ', ',', ';', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static object Scalar(ParameterMember parameter, Type type, string text, string source)
    {
        var value = TryScalar(type, text.Trim());
        if (value is not null) return value;
        // Never echo what a secret was given: the mistake could be the secret itself.
        var shown = parameter.IsSecret ? "the given value" : $"'{text}'";
        throw new BuildUsageException(
            $"Parameter {parameter.Option} ({source}): {shown} is not {Describe(type)}.", ExitCodes.InvalidArguments);
    }

    private static object? TryScalar(Type type, string text)
    {
        var inv = CultureInfo.InvariantCulture;
        if (type == typeof(string)) return text;
        if (type == typeof(bool))
            return TrueWords.Contains(text, StringComparer.OrdinalIgnoreCase) ? true
                : FalseWords.Contains(text, StringComparer.OrdinalIgnoreCase) ? false : null;
        if (type == typeof(int)) return int.TryParse(text, NumberStyles.Integer, inv, out var i) ? i : null;
        if (type == typeof(long)) return long.TryParse(text, NumberStyles.Integer, inv, out var l) ? l : null;
        if (type == typeof(double)) return double.TryParse(text, NumberStyles.Float, inv, out var d) ? d : null;
        if (type == typeof(TimeSpan)) return TryTimeSpan(text);
        if (type.IsEnum)
        {
            var name = Enum.GetNames(type).FirstOrDefault(n => Naming.Normalize(n) == Naming.Normalize(text));
            return name is null ? null : Enum.Parse(type, name);
        }
        return null;
    }

    /// <summary>"00:10:00", or the short forms people type: "90s", "10m", "1h", "1.5h", "2d".</summary>
    private static object? TryTimeSpan(string text)
    {
        if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span)) return span;
        if (text.Length < 2) return null;
        if (!double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount)) return null;
        return char.ToLowerInvariant(text[^1]) switch
        {
            's' => TimeSpan.FromSeconds(amount),
            'm' => TimeSpan.FromMinutes(amount),
            'h' => TimeSpan.FromHours(amount),
            'd' => TimeSpan.FromDays(amount),
            _ => null,
        };
    }

    public static string Describe(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(int) || type == typeof(long)) return "a whole number";
        if (type == typeof(double)) return "a number";
        if (type == typeof(bool)) return "true or false";
        if (type == typeof(TimeSpan)) return "a duration such as 00:30:00, 90s, 10m or 2h";
        if (type.IsEnum) return "one of " + string.Join(", ", Enum.GetNames(type).Select(n => n.ToLowerInvariant()));
        if (type.IsArray) return "a list of " + Describe(type.GetElementType()!);
        return "a text";
    }
}
