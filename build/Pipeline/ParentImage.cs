namespace Cascade.Pipeline;

/// <summary>A parent as this run sees it: built in this run (its exact new reference) or unchanged
/// (its existing branch tag). <see cref="Digest"/> is the pushed digest or else the local image id.</summary>
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
