namespace Cascade.Stacks;

/// <summary>
/// Docker's rule for the parts of an image reference <c>name[:tag][@digest]</c>: the digest follows the first
/// '@', the tag the last ':' after the last '/' (a ':' before it is a registry's port, as in host:5000/x).
/// The one copy of the rule: the registry client, the Docker engine, the Dockerfile checks and the pipeline split here.
/// </summary>
internal readonly record struct ReferenceParts(string Name, string? Tag, string? Digest)
{
    public static ReferenceParts Split(string reference)
    {
        string? digest = null;
        var at = reference.IndexOf('@');
        if (at >= 0)
        {
            digest = reference[(at + 1)..];
            reference = reference[..at];
        }
        var colon = reference.LastIndexOf(':');
        return colon > reference.LastIndexOf('/')
            ? new ReferenceParts(reference[..colon], reference[(colon + 1)..], digest)
            : new ReferenceParts(reference, null, digest);
    }
}
