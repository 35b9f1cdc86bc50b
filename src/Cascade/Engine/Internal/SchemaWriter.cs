using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cascade.Engine.Internal;

/// <summary>
/// .nuke/build.schema.json in NUKE 9/10's shape, which the nuke global tool and IDE plugins read to complete
/// targets and parameters. Written only when its content changes, so runs leave git quiet.
/// </summary>
internal static class SchemaWriter
{
    public const string SecretDefault = "Secrets must be entered via 'nuke :secrets [profile]'";

    private static readonly string[] Hosts =
    [
        "AppVeyor", "AzurePipelines", "Bamboo", "Bitbucket", "Bitrise", "GitHubActions", "GitLab", "Jenkins",
        "Rider", "SpaceAutomation", "TeamCity", "Terminal", "TravisCI", "VisualStudio", "VSCode",
    ];

    /// <summary>Keys NUKE itself defines; parameters.json may hold them without being a build parameter.</summary>
    public static readonly string[] NukeBuildProperties =
        ["Continue", "Help", "Host", "NoLogo", "Partition", "Plan", "Profile", "Root", "Skip", "Target", "Verbosity"];

    /// <summary>Writes the schema if it differs from the file on disk; returns whether it wrote.</summary>
    public static bool WriteIfChanged(string path, TargetGraph graph, IReadOnlyList<ParameterMember> parameters)
    {
        var content = Render(graph, parameters);
        if (File.Exists(path) && File.ReadAllText(path) == content) return false;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return true;
    }

    public static string Render(TargetGraph graph, IReadOnlyList<ParameterMember> parameters)
    {
        var targetNames = graph.All.Select(t => t.Name).Order(StringComparer.OrdinalIgnoreCase).ToArray();
        var defaults = string.Join(", ", graph.Defaults.Select(t => t.Name));
        var own = new JsonObject();
        foreach (var parameter in parameters.OrderBy(p => p.MemberName, StringComparer.OrdinalIgnoreCase))
            own[parameter.MemberName] = Describe(parameter);

        var schema = new JsonObject
        {
            ["$schema"] = "http://json-schema.org/draft-04/schema#",
            ["definitions"] = new JsonObject
            {
                ["Host"] = Enumeration(Hosts),
                ["ExecutableTarget"] = Enumeration(targetNames),
                ["Verbosity"] = new JsonObject
                {
                    ["type"] = "string",
                    ["description"] = "",
                    ["enum"] = Array("Verbose", "Normal", "Minimal", "Quiet"),
                },
                ["NukeBuild"] = new JsonObject { ["properties"] = NukeBuildDefinition(defaults) },
            },
            ["allOf"] = new JsonArray(
                new JsonObject { ["properties"] = own },
                new JsonObject { ["$ref"] = "#/definitions/NukeBuild" }),
        };
        var options = new JsonSerializerOptions
        {
            WriteIndented = true,
            // Keep apostrophes and the like readable: the file is for people and editors, not for a web page.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            NewLine = "\n",
        };
        return schema.ToJsonString(options) + "\n";
    }

    private static JsonObject Describe(ParameterMember parameter)
    {
        var type = parameter.ValueType;
        var element = type.IsArray ? type.GetElementType()! : type;
        var node = new JsonObject();
        if (type.IsArray)
        {
            node["type"] = "array";
            node["description"] = parameter.Description ?? "";
            node["items"] = Scalar(element);
        }
        else
        {
            foreach (var (key, value) in Scalar(element).ToList())
                node[key] = value?.DeepClone();
            node["description"] = parameter.Description ?? "";
        }
        if (parameter.IsSecret) node["default"] = SecretDefault;
        return node;
    }

    private static JsonObject Scalar(Type type)
    {
        if (type.IsEnum) return new JsonObject { ["type"] = "string", ["enum"] = Array(Enum.GetNames(type)) };
        var name = type == typeof(bool) ? "boolean"
            : type == typeof(int) || type == typeof(long) ? "integer"
            : type == typeof(double) ? "number"
            : "string";
        return new JsonObject { ["type"] = name };
    }

    private static JsonObject NukeBuildDefinition(string defaults) => new()
    {
        ["Continue"] = Flag("Indicates to continue a previously failed build attempt"),
        ["Help"] = Flag("Shows the help text for this build assembly"),
        ["Host"] = new JsonObject { ["description"] = "Host for execution. Default is 'automatic'", ["$ref"] = "#/definitions/Host" },
        ["NoLogo"] = Flag("Disables displaying the NUKE logo"),
        ["Partition"] = new JsonObject { ["type"] = "string", ["description"] = "Partition to use on CI" },
        ["Plan"] = Flag("Shows the execution plan (HTML)"),
        ["Profile"] = new JsonObject
        {
            ["type"] = "array", ["description"] = "Defines the profiles to load", ["items"] = new JsonObject { ["type"] = "string" },
        },
        ["Root"] = new JsonObject { ["type"] = "string", ["description"] = "Root directory during build execution" },
        ["Skip"] = new JsonObject
        {
            ["type"] = "array", ["description"] = "List of targets to be skipped. Empty list skips all dependencies",
            ["items"] = new JsonObject { ["$ref"] = "#/definitions/ExecutableTarget" },
        },
        ["Target"] = new JsonObject
        {
            ["type"] = "array", ["description"] = $"List of targets to be invoked. Default is '{defaults}'",
            ["items"] = new JsonObject { ["$ref"] = "#/definitions/ExecutableTarget" },
        },
        ["Verbosity"] = new JsonObject
        {
            ["description"] = "Logging verbosity during build execution. Default is 'Normal'", ["$ref"] = "#/definitions/Verbosity",
        },
    };

    private static JsonObject Flag(string description) => new() { ["type"] = "boolean", ["description"] = description };

    private static JsonObject Enumeration(string[] values) => new() { ["type"] = "string", ["enum"] = Array(values) };

    private static JsonArray Array(params string[] values) => new(values.Select(v => (JsonNode)JsonValue.Create(v)!).ToArray());
}
