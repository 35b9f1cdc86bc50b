using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cascade.Pipeline;

/// <summary>
/// The one text of a status — an image's (<see cref="ImageStatus"/>) or a test case's (<see cref="TestOutcome"/>):
/// its name in lower case ("succeeded", "reused", "passed"). results.json, the ledger, the pages, the Mermaid classes,
/// the progress lines and the JUnit counts all write it through here, and read it back through here.
/// </summary>
internal static class StatusText
{
    public static string ToText(this ImageStatus status) => Of(status);

    public static string ToText(this TestOutcome outcome) => Of(outcome);

    public static string Of<T>(T value) where T : struct, Enum => Words<T>.Text[value];

    /// <summary>The status a text names; false for any other text.</summary>
    public static bool TryParse<T>(string? text, out T value) where T : struct, Enum =>
        Words<T>.Value.TryGetValue(text ?? "", out value);

    private static class Words<T> where T : struct, Enum
    {
        public static readonly FrozenDictionary<T, string> Text =
            Enum.GetValues<T>().ToFrozenDictionary(v => v, v => v.ToString().ToLowerInvariant());

        public static readonly FrozenDictionary<string, T> Value =
            Text.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);
    }
}

/// <summary>A status in JSON as <see cref="StatusText"/> writes it; any other word is an error naming it.</summary>
internal sealed class StatusTextJsonConverter<T> : JsonConverter<T> where T : struct, Enum
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        return StatusText.TryParse<T>(text, out var value) ? value
            : throw new JsonException($"\"{text}\" is none of {string.Join(", ", Enum.GetValues<T>().Select(StatusText.Of))}");
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(StatusText.Of(value));
}
