using Cascade.Text;
using System.Diagnostics;
using Cascade.Stacks.Yaml;

namespace Cascade.Stacks;

/// <summary>Reads spec.yml's `ci:` mapping into <see cref="CiSettings"/>; every key is listed in <see cref="SpecKeys.Ci"/>.</summary>
internal sealed class CiSectionReader(
    ShapeReader shapes,
    Func<YamlTreeMapping, IReadOnlyList<SpecKey>, string, IEnumerable<(YamlTreeScalar Key, YamlTreeNode Value)>> knownEntries)
{
    public CiSettings Read(YamlTreeNode node)
    {
        var ci = new CiSettings();
        if (shapes.Mapping("ci", node) is not { } map) return ci;
        YamlTreeNode? lastSchedule = null;
        foreach (var (key, value) in knownEntries(map, SpecKeys.Ci, "in ci"))
        {
            if (value is YamlTreeScalar { IsNull: true }) continue;
            var k = "ci." + key.Value;
            if (key.Value is "schedule" or "refresh_schedule") lastSchedule = value;
            ci = key.Value switch
            {
                "runner" => Labels(k, value) is { } runner ? ci with { Runner = runner } : ci,
                "gpu_runner" => Labels(k, value) is { } gpu ? ci with { GpuRunner = gpu } : ci,
                "registry" => ci with { Registry = Registry(k, value) ?? ci.Registry },
                "layout" => ci with { Layout = Layout(k, value) ?? ci.Layout },
                "default_branch" => ci with { DefaultBranch = shapes.Text(k, value)?.Value ?? ci.DefaultBranch },
                "cache_from" => CacheTags(k, value) is { } tags ? ci with { CacheFrom = tags } : ci,
                "schedule" => ci with { Schedule = shapes.Text(k, value)?.Value ?? ci.Schedule },
                "refresh_schedule" => ci with { RefreshSchedule = shapes.Text(k, value)?.Value ?? ci.RefreshSchedule },
                "free_disk_space" => ci with { FreeDiskSpace = shapes.Bool(k, value) ?? ci.FreeDiskSpace },
                "sign" => ci with { Sign = shapes.Bool(k, value) ?? ci.Sign },
                "sbom" => ci with { Sbom = shapes.Bool(k, value) ?? ci.Sbom },
                "timeout" => ci with { Timeout = shapes.Duration(k, value) ?? ci.Timeout },
                "platform_runners" => PlatformRunners(k, value) is { } runners ? ci with { PlatformRunners = runners } : ci,
                _ => throw new UnreachableException($"SpecKeys.Ci lists '{key.Value}' but CiSectionReader does not read it"),
            };
        }
        // The run tells the two schedules apart by the cron that fired it (github.event.schedule).
        if (lastSchedule is not null && ci.Schedule == ci.RefreshSchedule)
            shapes.Error(lastSchedule, $"ci.schedule and ci.refresh_schedule are both \"{ci.Schedule}\"; give each its own cron " +
                                       "(a run tells the drift check and the full refresh apart by the cron that started it)");
        return ci;
    }

    private List<string>? Labels(string key, YamlTreeNode node)
    {
        var labels = shapes.TextOrList(key, node, "a runner label or a list of labels");
        if (labels is { Count: 0 }) shapes.Error(node, $"{key} lists no runner label; give at least one, e.g. ubuntu-latest");
        return labels is { Count: > 0 } ? labels.ConvertAll(l => l.Value) : null;
    }

    /// <summary>platform → label(s); two spellings of one platform (linux/arm64, linux/aarch64) are one key.</summary>
    private Dictionary<Platform, IReadOnlyList<string>>? PlatformRunners(string key, YamlTreeNode node)
    {
        if (shapes.Mapping(key, node) is not { } map) return null;
        var runners = new Dictionary<Platform, IReadOnlyList<string>>();
        var firstLine = new Dictionary<Platform, int>();
        foreach (var (name, value) in map.Entries)
        {
            if (Platform.TryParse(name.Value, out var problem) is not { } platform)
            {
                shapes.Error(name, $"{key}: {problem}");
                continue;
            }
            if (!firstLine.TryAdd(platform, name.Line))
            {
                shapes.Error(name, $"{key} lists {platform} twice (first at line {firstLine[platform]}); list each platform once");
                continue;
            }
            if (Labels($"{key}.{name.Value}", value) is { } labels) runners[platform] = labels;
        }
        return runners;
    }

    private List<string>? CacheTags(string key, YamlTreeNode node)
    {
        if (shapes.TextList(key, node) is not { } tags) return null;
        foreach (var bad in tags.Where(t => !ImageTags.IsCacheTag(t.Value)))
            shapes.Error(bad, $"{key}: \"{bad.Value}\" is not a tag (letters, digits, '_', '.', '-'; at most 128) nor " +
                               $"\"{ImageTags.BranchPlaceholder}\" or \"{ImageTags.DefaultBranchPlaceholder}\"");
        return tags.ConvertAll(t => t.Value);
    }

    private string? Registry(string key, YamlTreeNode node)
    {
        if (shapes.Text(key, node) is not { } r) return null;
        var host = r.Value.TrimEnd('/');
        if (DockerNames.IsDomain(host)) return host;
        shapes.Error(node, $"{key} \"{r.Value}\" is not a valid registry host[:port] (e.g. ghcr.io or localhost:5000)");
        return null;
    }

    private WorkflowLayout? Layout(string key, YamlTreeNode node)
    {
        if (shapes.Text(key, node) is not { } l) return null;
        if (Enum.TryParse<WorkflowLayout>(l.Value, ignoreCase: true, out var layout) && l.Value == l.Value.ToLowerInvariant())
            return layout;
        var choices = SpecKeys.Ci.Single(c => c.Name == "layout").Choices!;
        shapes.Error(node, $"{key} \"{l.Value}\" is not one of {string.Join(", ", choices)}{DidYouMean.Hint(l.Value, choices)}");
        return null;
    }
}
