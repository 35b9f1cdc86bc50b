namespace Cascade.Pipeline;

/// <summary>A parent as this run sees it: always its fingerprint reference (`repository:fp-…`), whether built,
/// reused or outside the plan. <see cref="Digest"/> is its manifest digest when it is in the registry.</summary>
internal sealed record ParentImage(string Name, string Reference, string? Digest)
{
    /// <summary>The tag part of the reference; latest when it names none.</summary>
    public string Tag => Stacks.ReferenceParts.Split(Reference).Tag ?? "latest";
}
