namespace Cascade.Pipeline;

/// <summary>A parent as this run sees it: always its fingerprint reference (`repository:fp-…`), whether built,
/// reused or outside the plan. <see cref="Digest"/> is its manifest digest when it is in the registry.</summary>
public sealed record ParentImage(string Name, string Reference, string? Digest)
{
    /// <summary>The tag part of the reference (after the last ':' that follows the last '/').</summary>
    public string Tag
    {
        get
        {
            var at = Reference.IndexOf('@');
            var name = at >= 0 ? Reference[..at] : Reference;
            var colon = name.LastIndexOf(':');
            return colon > name.LastIndexOf('/') ? name[(colon + 1)..] : "latest";
        }
    }
}
