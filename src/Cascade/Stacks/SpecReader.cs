using Cascade.Text;
using System.Diagnostics;
using Cascade.Stacks.Yaml;

namespace Cascade.Stacks;

/// <summary>
/// Reads the YAML tree of spec.yml into a <see cref="StackDraft"/>, reporting unknown keys, duplicate
/// keys and wrong types. Cross-checks between images (parents, cycles, files) happen later, in
/// <see cref="SpecResolver"/>. Every key handled here is listed in <see cref="SpecKeys"/>.
/// </summary>
internal sealed class SpecReader
{
    private readonly DiagnosticBag diagnostics;
    private readonly ShapeReader shapes;

    public SpecReader(string file, DiagnosticBag diagnostics)
    {
        this.diagnostics = diagnostics;
        shapes = new ShapeReader(file, diagnostics);
    }

    public StackDraft Read(YamlTreeNode? root)
    {
        var draft = new StackDraft();
        if (root is not YamlTreeMapping map)
        {
            diagnostics.Error(root is null ? shapes.At(1, 1) : shapes.At(root),
                root is null ? "spec.yml is empty; it needs at least an `images:` mapping"
                             : "the top level of spec.yml must be a mapping (images:, root:, tag:, ...)");
            return draft;
        }

        foreach (var (key, value) in KnownEntries(map, SpecKeys.TopLevel, "at the top level"))
        {
            if (key.Value == "images") draft.HasImagesKey = true;
            if (value is YamlTreeScalar { IsNull: true }) continue; // an empty value means "not given"
            switch (key.Value)
            {
                case "$schema": shapes.Text(key.Value, value); break;
                case "root": draft.Root = shapes.TextOrList(key.Value, value, "an image name or a list of image names"); break;
                case "images": ReadImages(value, draft); break;
                case "tag": ReadTag(value, draft); break;
                case "all_info_cmds": ReadInfoCommands(value, draft); break;
                case "registry": draft.Registry = shapes.Text(key.Value, value); break;
                case "owner": draft.Owner = shapes.Text(key.Value, value); break;
                case "ignore": draft.Ignore = Values(shapes.TextList(key.Value, value)); break;
                case "rebuild_all_on": draft.RebuildAllOn = Values(shapes.TextList(key.Value, value)); break;
                case "platforms": draft.Platforms = shapes.TextList(key.Value, value); break;
                case "ci": draft.Ci = new CiSectionReader(shapes, KnownEntries).Read(value); break;
                default: throw new UnreachableException($"SpecKeys.TopLevel lists '{key.Value}' but SpecReader does not read it");
            }
        }

        if (!draft.HasImagesKey)
            diagnostics.Error(shapes.At(map), "spec.yml has no `images:` mapping; list the stack's images under it");
        return draft;
    }

    private void ReadImages(YamlTreeNode node, StackDraft draft)
    {
        if (shapes.Mapping("images", node) is not { } map) return;
        if (map.Entries.Count == 0) shapes.Error(map, "`images:` lists no images; add at least one");
        var seen = new Dictionary<string, YamlTreeScalar>(StringComparer.Ordinal);
        foreach (var (key, value) in map.Entries)
        {
            if (!seen.TryAdd(key.Value, key))
            {
                shapes.Error(key, $"image '{key.Value}' is defined twice (first at line {seen[key.Value].Line}); image names must be unique");
                continue;
            }
            if (!DockerNames.IsPathComponent(key.Value))
                shapes.Error(key, $"image name '{key.Value}' is not valid: Docker needs {DockerNames.PathComponentRule}");
            var image = new ImageDraft(new Located(key.Value, key.Line, key.Column));
            draft.Images.Add(image);
            if (value is YamlTreeScalar { IsNull: true }) continue; // `name:` alone: every default
            if (shapes.Mapping($"images.{key.Value}", value) is { } imageMap) ReadImage(imageMap, image);
        }
    }

    private void ReadImage(YamlTreeMapping map, ImageDraft image)
    {
        foreach (var (key, value) in KnownEntries(map, SpecKeys.Image, $"in image '{image.Name.Value}'"))
        {
            if (value is YamlTreeScalar { IsNull: true }) continue;
            var k = key.Value;
            switch (k)
            {
                case "image_name": image.ImageName = shapes.Text(k, value); break;
                case "depend_on": image.DependOn = shapes.TextOrList(k, value, "an image name or a list of image names") ?? []; break;
                case "build_args": image.BuildArgs = shapes.ScalarMap(k, value) ?? new(StringComparer.Ordinal); break;
                case "info_cmds": image.InfoCmds = shapes.TextList(k, value) ?? []; break;
                case "tags": image.ContentTags = shapes.TextList(k, value) ?? []; break;
                case "integration_tests":
                    var (flag, commands) = shapes.BoolTextOrList(k, value);
                    image.IntegrationTestsDefault = flag == true;
                    image.IntegrationTests = Values(commands);
                    break;
                case "prune": image.Prune = shapes.Bool(k, value); break;
                case "prepull": image.Prepull = shapes.Bool(k, value); break;
                case "dockerfile": image.Dockerfile = shapes.Text(k, value); break;
                case "context": image.Context = shapes.Text(k, value); break;
                case "watch": image.Watch = Values(shapes.TextList(k, value)); break;
                case "tests": image.Tests = Values(shapes.TextList(k, value)); break;
                case "gpu_tests": image.GpuTests = Values(shapes.TextList(k, value)); break;
                case "inherit_tests": image.InheritTests = shapes.Bool(k, value); break;
                case "timeout": image.Timeout = shapes.Duration(k, value); break;
                case "platforms": image.Platforms = shapes.TextList(k, value); break;
                default: throw new UnreachableException($"SpecKeys.Image lists '{k}' but SpecReader does not read it");
            }
        }
    }

    private void ReadTag(YamlTreeNode node, StackDraft draft)
    {
        if (shapes.Mapping("tag", node) is not { } map) return;
        foreach (var (key, value) in KnownEntries(map, SpecKeys.Tag, "in tag"))
        {
            if (value is YamlTreeScalar { IsNull: true }) continue;
            switch (key.Value)
            {
                case "prefix": draft.TagPrefix = shapes.Scalar("tag.prefix", value); break;
                default: throw new UnreachableException($"SpecKeys.Tag lists '{key.Value}' but SpecReader does not read it");
            }
        }
    }

    private void ReadInfoCommands(YamlTreeNode node, StackDraft draft)
    {
        if (shapes.Mapping("all_info_cmds", node) is not { } map) return;
        var seen = new Dictionary<string, YamlTreeScalar>(StringComparer.Ordinal);
        foreach (var (name, value) in map.Entries)
        {
            if (!seen.TryAdd(name.Value, name))
            {
                shapes.Error(name, $"all_info_cmds '{name.Value}' is defined twice (first at line {seen[name.Value].Line})");
                continue;
            }
            if (shapes.Mapping($"all_info_cmds.{name.Value}", value) is not { } cmdMap) continue;
            string? description = null, command = null;
            foreach (var (key, v) in KnownEntries(cmdMap, SpecKeys.InfoCommand, $"in all_info_cmds.{name.Value}"))
            {
                if (v is YamlTreeScalar { IsNull: true }) continue;
                switch (key.Value)
                {
                    case "description": description = shapes.Text(key.Value, v)?.Value; break;
                    case "command": command = shapes.Text(key.Value, v)?.Value; break;
                    default: throw new UnreachableException($"SpecKeys.InfoCommand lists '{key.Value}' but SpecReader does not read it");
                }
            }
            if (command is null)
                shapes.Error(name, $"all_info_cmds.{name.Value} has no `command:`; give the shell command to run in the image");
            else
                draft.InfoCommands.Add((new Located(name.Value, name.Line, name.Column), new InfoCommand(description ?? name.Value, command)));
        }
    }

    /// <summary>The entries whose key <paramref name="known"/> lists, each once; reports unknown and repeated keys.</summary>
    internal IEnumerable<(YamlTreeScalar Key, YamlTreeNode Value)> KnownEntries(
        YamlTreeMapping map, IReadOnlyList<SpecKey> known, string where)
    {
        var seen = new Dictionary<string, YamlTreeScalar>(StringComparer.Ordinal);
        foreach (var (key, value) in map.Entries)
        {
            if (!known.Any(k => k.Name == key.Value))
            {
                shapes.Error(key, $"unknown key '{key.Value}' {where}{DidYouMean.Hint(key.Value, known.Select(k => k.Name))}");
                continue;
            }
            if (!seen.TryAdd(key.Value, key))
            {
                shapes.Error(key, $"key '{key.Value}' is given twice {where} (first at line {seen[key.Value].Line})");
                continue;
            }
            yield return (key, value);
        }
    }

    private static List<string> Values(List<Located>? list) => list?.Select(l => l.Value).ToList() ?? [];
}
