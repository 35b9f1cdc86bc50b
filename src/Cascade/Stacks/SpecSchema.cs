using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cascade.Stacks;

/// <summary>
/// The JSON Schema (draft-07) of spec.yml, generated from <see cref="SpecKeys"/> — the same list the loader
/// accepts — so editors (yaml-language-server) complete and check exactly what Cascade reads.
/// images/spec.schema.json is this text; a test fails when the two differ.
/// </summary>
internal static class SpecSchema
{
    public const string FileName = "spec.schema.json";

    public static string Generate()
    {
        var definitions = new JsonObject();
        var root = new JsonObject
        {
            ["$schema"] = "http://json-schema.org/draft-07/schema#",
            ["title"] = "Cascade stack spec (images/spec.yml)",
            ["description"] = "A stack of Docker images whose bases form a DAG; the format of ucsd-ets/datahub-docker-stack v2 with extensions.",
        };
        Object(root, SpecKeys.TopLevel, definitions);
        root["definitions"] = definitions;
        var text = root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        return text.Replace("\r\n", "\n") + "\n";
    }

    private static JsonObject Object(JsonObject target, IReadOnlyList<SpecKey> keys, JsonObject definitions)
    {
        target["type"] = "object";
        var properties = new JsonObject();
        foreach (var key in keys)
        {
            var property = Shape(key, definitions);
            property["description"] = key.Description;
            properties[key.Name] = property;
        }
        target["properties"] = properties;
        target["additionalProperties"] = false;
        var required = keys.Where(k => k.Required).Select(k => (JsonNode)k.Name).ToArray();
        if (required.Length > 0) target["required"] = new JsonArray(required);
        return target;
    }

    private static JsonObject Shape(SpecKey key, JsonObject definitions) => key.Shape switch
    {
        ValueShape.Text when key.Choices is { } choices => new JsonObject
        {
            ["type"] = "string", ["enum"] = new JsonArray(choices.Select(c => (JsonNode)c).ToArray()),
        },
        ValueShape.Text => Type("string"),
        ValueShape.Scalar => new JsonObject { ["type"] = new JsonArray("string", "number") },
        ValueShape.Bool => Type("boolean"),
        ValueShape.TextList => StringList(),
        ValueShape.PlatformList => new JsonObject
        {
            ["type"] = "array",
            ["items"] = new JsonObject { ["type"] = "string", ["pattern"] = Platform.Pattern },
        },
        ValueShape.TextOrList => AnyOf(Type("string"), StringList()),
        ValueShape.PlatformRunnerMap => new JsonObject
        {
            ["type"] = "object",
            ["propertyNames"] = new JsonObject { ["pattern"] = Platform.Pattern },
            ["additionalProperties"] = AnyOf(Type("string"), StringList()),
        },
        ValueShape.BoolTextOrList => AnyOf(Type("boolean"), Type("string"), StringList()),
        ValueShape.ScalarMap => new JsonObject
        {
            ["type"] = "object",
            ["additionalProperties"] = new JsonObject { ["type"] = new JsonArray("string", "number", "boolean") },
        },
        ValueShape.Duration => AnyOf(
            new JsonObject { ["type"] = "string", ["pattern"] = @"^(?:\d+|(?=\d)(?:\d+h)?(?:\d+m)?(?:\d+s)?)$" },
            new JsonObject { ["type"] = "integer", ["minimum"] = 1 }),
        ValueShape.Object => Object(new JsonObject(), key.Children!, definitions),
        ValueShape.NamedObjects => NamedObjects(key, definitions),
        _ => throw new ArgumentOutOfRangeException(nameof(key), key.Shape, "no schema for this shape"),
    };

    private static JsonObject NamedObjects(SpecKey key, JsonObject definitions)
    {
        definitions[key.DefinitionName!] = Object(new JsonObject(), key.Children!, definitions);
        var reference = new JsonObject { ["$ref"] = $"#/definitions/{key.DefinitionName}" };
        var result = new JsonObject { ["type"] = "object" };
        if (key.NamePattern is not null) result["propertyNames"] = new JsonObject { ["pattern"] = key.NamePattern };
        // An image may be written as `name:` alone (all defaults), which YAML reads as null.
        result["additionalProperties"] = key.Name == "images" ? AnyOf(reference, Type("null")) : reference;
        return result;
    }

    private static JsonObject Type(string type) => new() { ["type"] = type };
    private static JsonObject StringList() => new() { ["type"] = "array", ["items"] = Type("string") };
    private static JsonObject AnyOf(params JsonObject[] options) => new() { ["anyOf"] = new JsonArray(options) };
}
