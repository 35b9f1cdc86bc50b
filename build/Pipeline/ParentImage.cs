namespace Cascade.Pipeline;

/// <summary>A parent as this run sees it: built in this run (its exact new reference) or unchanged
/// (its existing branch tag). <see cref="Digest"/> is the pushed digest or else the local image id.</summary>
public sealed record ParentImage(string Name, string Reference, string? Digest)
{
    /// <summary>The tag part of the reference; latest when it names none.</summary>
    public string Tag => Stacks.ReferenceParts.Split(Reference).Tag ?? "latest";
}
