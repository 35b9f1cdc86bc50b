namespace Cascade.Changes;

/// <summary>
/// Reasons collected per image while planning, kept by kind so the plan lists the telling ones
/// (forced, rebuild-all, spec, parent) before the possibly thousands of changed paths.
/// </summary>
internal sealed class ImageReasons
{
    public List<string> Forced { get; } = [];
    public List<string> Spec { get; } = [];
    public List<string> Paths { get; } = [];

    /// <summary>The last path recorded, so one path reaching an image twice (context and Dockerfile) counts once.</summary>
    public string? LastPath { get; set; }

    public bool Any => Forced.Count > 0 || Spec.Count > 0 || Paths.Count > 0;
}
