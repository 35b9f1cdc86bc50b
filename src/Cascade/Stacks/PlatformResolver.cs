namespace Cascade.Stacks;

/// <summary>
/// Resolves `platforms:` (the stack's default and each image's own list) to normalised platforms and checks
/// them: the form, a platform listed twice (also as two spellings of one), and a platform an image is built
/// for that one of its parents is not — its parent image for that platform would not exist.
/// </summary>
internal sealed class PlatformResolver(Func<Located, SourceLocation> at, DiagnosticBag diagnostics)
{
    /// <summary>One resolved platform and where it was written (in the image's list or the stack's default).</summary>
    private readonly record struct Entry(Platform Platform, Located Written);

    private readonly Dictionary<string, (List<Entry> Entries, bool FromDefault)> byImage = new(StringComparer.Ordinal);
    private List<Entry> defaults = [];

    public IReadOnlyList<Platform> ResolveDefault(StackDraft draft)
    {
        defaults = Resolve(draft.Platforms, "the stack's platforms");
        return defaults.ConvertAll(e => e.Platform);
    }

    /// <summary>The image's own list, else the stack's default (call <see cref="ResolveDefault"/> first).</summary>
    public IReadOnlyList<Platform> Resolve(ImageDraft image)
    {
        var own = image.Platforms is null ? null : Resolve(image.Platforms, $"platforms of '{image.Name.Value}'");
        byImage[image.Name.Value] = (own ?? defaults, own is null);
        return (own ?? defaults).ConvertAll(e => e.Platform);
    }

    /// <summary>Every platform of an image must be one of each parent's: the child's build for it starts from there.</summary>
    public void CheckParents(IReadOnlyDictionary<string, IReadOnlyList<string>> knownParents)
    {
        foreach (var (name, (entries, fromDefault)) in byImage)
        {
            if (entries.Count == 0 || !knownParents.TryGetValue(name, out var parents)) continue;
            foreach (var parent in parents)
            {
                if (!byImage.TryGetValue(parent, out var theirs)) continue;
                var parentPlatforms = theirs.Entries.Select(e => e.Platform).ToHashSet();
                foreach (var entry in entries.Where(e => !parentPlatforms.Contains(e.Platform)))
                    diagnostics.Error(at(entry.Written), Lacking(name, parent, entry.Platform, fromDefault, theirs.Entries));
            }
        }
    }

    /// <summary>Every platform an image is built for needs runners for its CI jobs: reported once, where it is first written.</summary>
    public void CheckRunners(CiSettings ci)
    {
        var reported = new HashSet<Platform>();
        foreach (var (name, (entries, fromDefault)) in byImage)
            foreach (var entry in entries.Where(e => ci.RunnerFor(e.Platform) is null && reported.Add(e.Platform)))
                diagnostics.Error(at(entry.Written),
                    $"{entry.Platform} ({(fromDefault ? "the stack's default platforms" : $"platforms of '{name}'")}) has no runner for its CI jobs: " +
                    $"ci.platform_runners does not list it, and only {Platform.LinuxAmd64} and {Platform.LinuxArm64} have defaults; " +
                    $"add e.g. `{entry.Platform}: [self-hosted, {entry.Platform.Architecture}]` under ci.platform_runners");
    }

    private static string Lacking(string image, string parent, Platform platform, bool fromDefault, List<Entry> parentEntries)
    {
        var source = fromDefault ? " (from the stack's default platforms)" : "";
        var has = parentEntries.Count == 0
            ? "has no platforms, so it is built for the Docker daemon's platform only"
            : $"is built only for {string.Join(", ", parentEntries.Select(e => e.Platform))} (line {parentEntries[0].Written.Line})";
        return $"image '{image}' is built for {platform}{source}, but its parent '{parent}' {has}; " +
               $"add {platform} to the platforms of '{parent}' or remove it from those of '{image}'";
    }

    private List<Entry> Resolve(List<Located>? written, string what)
    {
        var entries = new List<Entry>();
        foreach (var text in written ?? [])
        {
            if (Platform.TryParse(text.Value, out var problem) is not { } platform)
            {
                diagnostics.Error(at(text), problem!);
                continue;
            }
            var first = entries.FindIndex(e => e.Platform == platform);
            if (first >= 0)
                diagnostics.Error(at(text), $"{what} list {platform} twice (\"{entries[first].Written.Value}\" at line " +
                    $"{entries[first].Written.Line} and \"{text.Value}\"); list each platform once");
            else
                entries.Add(new Entry(platform, text));
        }
        return entries;
    }
}
