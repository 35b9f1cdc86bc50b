using Cascade.Stacks.Yaml;

namespace Cascade.Stacks;

/// <summary>
/// Turns a YAML value into the typed value its <see cref="ValueShape"/> promises, or reports
/// "wrong type" at the value's position and returns null. Never throws for user input.
/// </summary>
internal sealed class ShapeReader(string file, DiagnosticBag diagnostics)
{
    public SourceLocation At(int line, int column) => new(file, line, column);
    public SourceLocation At(YamlTreeNode node) => At(node.Line, node.Column);
    public SourceLocation At(Located l) => At(l.Line, l.Column);

    public void Error(YamlTreeNode node, string message) => diagnostics.Error(At(node), message);
    public void Error(Located value, string message) => diagnostics.Error(At(value), message);

    public Located? Text(string key, YamlTreeNode node)
    {
        if (node is YamlTreeScalar { IsNull: false, AsBool: null } s) return new Located(s.Value, s.Line, s.Column);
        WrongType(key, node, "a string");
        return null;
    }

    public Located? Scalar(string key, YamlTreeNode node)
    {
        if (node is YamlTreeScalar { IsNull: false } s) return new Located(s.Value, s.Line, s.Column);
        WrongType(key, node, "a string");
        return null;
    }

    public bool? Bool(string key, YamlTreeNode node)
    {
        if (node is YamlTreeScalar { AsBool: { } b }) return b;
        WrongType(key, node, "true or false");
        return null;
    }

    public List<Located>? TextList(string key, YamlTreeNode node)
    {
        if (node is not YamlTreeSequence seq)
        {
            WrongType(key, node, "a list of strings");
            return null;
        }
        var result = new List<Located>(seq.Items.Count);
        foreach (var item in seq.Items)
            if (Text($"an entry of '{key}'", item) is { } t) result.Add(t);
        return result;
    }

    public List<Located>? TextOrList(string key, YamlTreeNode node, string what = "a string or a list of strings")
    {
        if (node is YamlTreeSequence) return TextList(key, node);
        if (node is YamlTreeScalar { IsNull: false, AsBool: null } s) return [new Located(s.Value, s.Line, s.Column)];
        WrongType(key, node, what);
        return null;
    }

    /// <summary>integration_tests: a bool, a command, or a list of commands.</summary>
    public (bool? Flag, List<Located>? Commands) BoolTextOrList(string key, YamlTreeNode node)
    {
        if (node is YamlTreeScalar { AsBool: { } b }) return (b, null);
        return (null, TextOrList(key, node, "true, false, a command, or a list of commands"));
    }

    public Dictionary<string, string>? ScalarMap(string key, YamlTreeNode node)
    {
        if (node is not YamlTreeMapping map)
        {
            WrongType(key, node, "a mapping of NAME: value");
            return null;
        }
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var firstSeen = new Dictionary<string, YamlTreeScalar>(StringComparer.Ordinal);
        foreach (var (k, v) in map.Entries)
        {
            if (!firstSeen.TryAdd(k.Value, k))
            {
                Error(k, $"'{k.Value}' is given twice in '{key}' (first at line {firstSeen[k.Value].Line})");
                continue;
            }
            if (v is YamlTreeScalar { IsNull: false } s) result[k.Value] = s.Value;
            else if (v is YamlTreeScalar) Error(v, $"'{key}.{k.Value}' has no value; write {k.Value}: \"\" for an empty value");
            else WrongType($"{key}.{k.Value}", v, "a string, number or boolean");
        }
        return result;
    }

    public TimeSpan? Duration(string key, YamlTreeNode node)
    {
        if (node is not YamlTreeScalar { IsNull: false, AsBool: null } s)
        {
            WrongType(key, node, "a duration");
            return null;
        }
        if (Durations.TryParse(s.Value, out var value)) return value;
        Error(node, $"'{key}' value \"{s.Value}\" is not a valid duration: {Durations.Forms}");
        return null;
    }

    public YamlTreeMapping? Mapping(string key, YamlTreeNode node)
    {
        if (node is YamlTreeMapping m) return m;
        WrongType(key, node, "a mapping");
        return null;
    }

    private void WrongType(string key, YamlTreeNode node, string expected)
    {
        var got = node is YamlTreeScalar { IsNull: false } s ? $"{node.KindName} \"{s.Value}\"" : node.KindName;
        var subject = key.StartsWith("an entry", StringComparison.Ordinal) ? key : $"'{key}'";
        Error(node, $"{subject} must be {expected}, not {got}");
    }
}
