using YamlDotNet.Core;

namespace Cascade.Stacks.Yaml;

/// <summary>
/// A YAML node that remembers where it starts. We build our own tree from parser events (rather than
/// YamlDotNet's RepresentationModel) because we need duplicate keys kept, not rejected or merged, and the
/// start of every key and value for messages.
/// </summary>
internal abstract class YamlTreeNode(int line, int column)
{
    public int Line { get; } = line;
    public int Column { get; } = column;

    /// <summary>How messages name this kind of value: "a string", "a list", "a mapping".</summary>
    public abstract string KindName { get; }
}

internal sealed class YamlTreeScalar(int line, int column, string value, ScalarStyle style, string? tag)
    : YamlTreeNode(line, column)
{
    public string Value { get; } = value;
    public ScalarStyle Style { get; } = style;
    public string? Tag { get; } = tag;

    public bool IsPlain => Style is ScalarStyle.Plain or ScalarStyle.Any;

    /// <summary>YAML 1.2 core schema null: an empty plain scalar, ~ or null.</summary>
    public bool IsNull => IsPlain && Tag is null && Value is "" or "~" or "null" or "Null" or "NULL";

    /// <summary>YAML 1.2 core schema booleans only; `yes`/`on` stay strings, as JSON Schema tools see them.</summary>
    public bool? AsBool => !IsPlain ? null : Value switch
    {
        "true" or "True" or "TRUE" => true,
        "false" or "False" or "FALSE" => false,
        _ => null,
    };

    public override string KindName => IsNull ? "empty (null)" : AsBool is not null ? "a boolean" : "a string";
}

internal sealed class YamlTreeSequence(int line, int column, IReadOnlyList<YamlTreeNode> items)
    : YamlTreeNode(line, column)
{
    public IReadOnlyList<YamlTreeNode> Items { get; } = items;
    public override string KindName => "a list";
}

internal sealed class YamlTreeMapping(int line, int column, IReadOnlyList<YamlTreeEntry> entries)
    : YamlTreeNode(line, column)
{
    /// <summary>Entries in file order, duplicates included.</summary>
    public IReadOnlyList<YamlTreeEntry> Entries { get; } = entries;
    public override string KindName => "a mapping";
}

internal sealed record YamlTreeEntry(YamlTreeScalar Key, YamlTreeNode Value);
