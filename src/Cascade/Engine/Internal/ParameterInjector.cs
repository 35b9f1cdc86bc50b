using Cascade.Text;
using System.Text.Json;

namespace Cascade.Engine.Internal;

/// <summary>
/// Gives each parameter its value from the first source that has one: command line, environment variable
/// (<c>BASE_REF</c> or <c>BaseRef</c>, any case), <c>.nuke/parameters.json</c> (then parameters.PROFILE.json),
/// and last the member's own initializer, which is simply left alone.
/// </summary>
internal static class ParameterInjector
{
    /// <summary>What injection found worth telling: warnings (unknown keys in parameters.json), and the
    /// parameters that shape the targets but were given a value other than the repository's own.</summary>
    public sealed record Outcome(IReadOnlyList<string> Warnings, IReadOnlyList<ParameterMember> Retargeted);

    public static Outcome Inject(
        object build, IReadOnlyList<ParameterMember> parameters, CommandLine line,
        IReadOnlyDictionary<string, string> environment, string rootDirectory)
    {
        var warnings = new List<string>();
        var retargeted = new List<ParameterMember>();
        var fromFiles = ReadParameterFiles(parameters, line.Profiles, rootDirectory, warnings);
        foreach (var parameter in parameters)
        {
            object? configured() => fromFiles.TryGetValue(parameter, out var json)
                ? ValueConverter.FromJson(parameter, json.Value, json.Source)
                : parameter.DefaultValue;
            object? given;
            if (line.Parameters.TryGetValue(parameter, out var words))
                given = ValueConverter.FromText(parameter, words, "command line");
            else if (FromEnvironment(parameter, environment) is { } variable)
                given = ValueConverter.FromText(parameter, [variable.Value], $"environment variable {variable.Name}", splitWords: true);
            else
            {
                if (fromFiles.ContainsKey(parameter)) parameter.SetValue(build, configured());
                continue;
            }
            parameter.SetValue(build, given);
            if (parameter.ShapesTargets && !SameValue(given, configured())) retargeted.Add(parameter);
        }
        return new Outcome(warnings, retargeted);
    }

    private static bool SameValue(object? a, object? b) =>
        a is System.Collections.IEnumerable x and not string && b is System.Collections.IEnumerable y and not string
            ? x.Cast<object?>().SequenceEqual(y.Cast<object?>())
            : Equals(a, b);

    private static (string Name, string Value)? FromEnvironment(ParameterMember parameter, IReadOnlyDictionary<string, string> environment)
    {
        foreach (var name in new[] { parameter.EnvironmentName, parameter.MemberName })
            // An empty variable counts as unset: CI writes "" for a secret that is not configured.
            if (environment.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value))
                return (name, value);
        return null;
    }

    private static Dictionary<ParameterMember, (JsonElement Value, string Source)> ReadParameterFiles(
        IReadOnlyList<ParameterMember> parameters, IReadOnlyList<string> profiles, string rootDirectory, List<string> warnings)
    {
        var result = new Dictionary<ParameterMember, (JsonElement, string)>();
        var byName = parameters.ToDictionary(p => p.MemberName, StringComparer.OrdinalIgnoreCase);
        var nukeKeys = SchemaWriter.NukeBuildProperties.Select(n => n).Append("$schema").ToHashSet(StringComparer.OrdinalIgnoreCase);
        var files = new List<(string Path, bool Required)> { (Path.Combine(rootDirectory, ".nuke", "parameters.json"), false) };
        files.AddRange(profiles.Select(p => (Path.Combine(rootDirectory, ".nuke", $"parameters.{p}.json"), true)));
        foreach (var (path, required) in files)
        {
            if (!File.Exists(path))
            {
                if (required) throw new BuildUsageException($"Profile file {path} does not exist; create it or drop the --profile.");
                continue;
            }
            foreach (var property in ReadObject(path).EnumerateObject())
            {
                if (byName.TryGetValue(property.Name, out var parameter))
                    result[parameter] = (property.Value.Clone(), Path.GetFileName(path));
                else if (!nukeKeys.Contains(property.Name))
                    warnings.Add($"{path}: unknown parameter '{property.Name}' is ignored."
                        + DidYouMean.Sentence(property.Name, byName.Keys, Naming.Normalize));
            }
        }
        return result;
    }

    private static JsonElement ReadObject(string path)
    {
        try
        {
            var options = new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };
            using var document = JsonDocument.Parse(File.ReadAllText(path), options);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new BuildUsageException($"{path}: expected a JSON object of parameter names and values.");
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new BuildUsageException($"{path}:{(e.LineNumber ?? 0) + 1}: not valid JSON ({e.Message.Split(" Path:")[0]}). Fix the file or delete it.");
        }
    }
}
