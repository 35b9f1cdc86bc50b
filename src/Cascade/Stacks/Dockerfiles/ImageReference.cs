namespace Cascade.Stacks.Dockerfiles;

/// <summary>The repository part of an expanded image reference, tag and digest removed.</summary>
internal static class ImageReference
{
    /// <summary>"ghcr.io/x/y:tag@sha256:..." → "ghcr.io/x/y". A tag made of an open variable is removed too.</summary>
    public static string Repository(string reference) => ReferenceParts.Split(reference).Name;

    /// <summary>The variable name when the repository is exactly one open variable, e.g. ${BASE_IMAGE}.</summary>
    public static string? SoleOpenVariable(string repository) =>
        repository.Length > 2 && repository[0] == ArgExpander.Open && repository[^1] == ArgExpander.Open
        && repository.IndexOf(ArgExpander.Open, 1) == repository.Length - 1
            ? repository[1..^1]
            : null;

    public static bool HasOpenVariable(string s) => s.Contains(ArgExpander.Open);
}
