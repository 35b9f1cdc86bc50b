using Cascade.Stacks;

namespace Cascade.Changes;

/// <summary>
/// Compares spec.yml at the base and at the head by meaning: an image whose entry changed is affected,
/// a change to a key every image reads (registry, owner, tag) affects all, a changed `all_info_cmds`
/// entry affects the images that run it. Comments, blank lines and reordering affect nothing.
/// </summary>
internal static class SpecChanges
{
    /// <summary>Top-level keys that go into every image's name or tag.</summary>
    private static readonly string[] KeysAffectingAll = ["registry", "owner", "tag"];

    public static void Apply(StackSpec spec, SpecTexts texts, Func<string, ImageReasons?> reasons, List<string> allReasons)
    {
        if (texts.Old == texts.New || texts.New is null) return;

        if (texts.Old is null)
        {
            foreach (var image in spec.Images) reasons(image.Name)?.Spec.Add("spec entry changed (new image)");
            return;
        }

        var before = SpecEntries.TryParse(texts.Old);
        var after = SpecEntries.TryParse(texts.New);
        if (before is null || after is null)
        {
            // Cannot tell what changed, so assume everything did: a needless build beats a stale image.
            allReasons.Add($"spec.yml could not be compared ({(before is null ? "base" : "head")} revision is not readable YAML)");
            return;
        }

        foreach (var key in KeysAffectingAll)
            if (before.TopLevel.GetValueOrDefault(key) != after.TopLevel.GetValueOrDefault(key))
                allReasons.Add($"spec key '{key}' changed");

        // The stack's default platforms are read by the images without their own list (and, harmlessly, by
        // those whose own list is the same).
        var defaultPlatformsChanged = before.TopLevel.GetValueOrDefault("platforms") != after.TopLevel.GetValueOrDefault("platforms");
        foreach (var image in spec.Images)
            if (reasons(image.Name) is { } r)
                ApplyToImage(image, r, before, after, defaultPlatformsChanged && image.Platforms.SequenceEqual(spec.Platforms));
    }

    /// <param name="readsChangedPlatforms">The stack's default platforms changed and the image builds for them.</param>
    private static void ApplyToImage(ImageSpec image, ImageReasons r, SpecEntries before, SpecEntries after, bool readsChangedPlatforms)
    {
        if (readsChangedPlatforms)
            r.Spec.Add("spec key 'platforms' changed");
        if (!before.Images.TryGetValue(image.Name, out var old))
            r.Spec.Add("spec entry changed (new image)");
        else if (after.Images.TryGetValue(image.Name, out var now) && now != old)
            r.Spec.Add("spec entry changed");
        foreach (var cmd in image.InfoCmds)
            if (before.InfoCommands.GetValueOrDefault(cmd) != after.InfoCommands.GetValueOrDefault(cmd))
                r.Spec.Add($"info command '{cmd}' changed");
    }
}
