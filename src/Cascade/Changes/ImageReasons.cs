namespace Cascade.Changes;

/// <summary>
/// Reasons collected per image while planning, kept by kind so the plan lists the telling ones
/// (forced, rebuild-all, spec, moved bases, parent) before the possibly thousands of changed paths.
/// </summary>
internal sealed class ImageReasons
{
    public List<string> Forced { get; } = [];
    public List<string> Spec { get; } = [];
    public List<string> Paths { get; } = [];

    /// <summary>External bases that moved since the image's previous build.</summary>
    public List<string> Bases { get; } = [];

    /// <summary>Changed files that decide what its tests check: it is tested again, not rebuilt, and pulls in nothing.</summary>
    public List<string> Tests { get; } = [];

    /// <summary>The last path recorded, so one path reaching an image twice (context and Dockerfile) counts once.</summary>
    public string? LastPath { get; set; }

    /// <summary>The last path recorded as a test change, so a path below two of its places counts once.</summary>
    public string? LastTestPath { get; set; }

    public bool Any => Forced.Count > 0 || Spec.Count > 0 || Bases.Count > 0 || Paths.Count > 0 || Tests.Count > 0;
}
