namespace Cascade.Stacks;

/// <summary>Docker's rule for where a repository lives: its first path component names a registry host when
/// it has a '.' or a ':' (a port), is localhost, or is an IPv6 literal; otherwise the repository is on Docker Hub.
/// The one copy of the rule: pushing, promotion, the registry override and the registry client all ask here.</summary>
internal static class RepositoryHost
{
    public static bool IsHost(string firstComponent) =>
        firstComponent.Contains('.') || firstComponent.Contains(':') || firstComponent == "localhost" || firstComponent.StartsWith('[');

    /// <summary>The registry host <paramref name="repository"/> names (ghcr.io in ghcr.io/o/x), or null for none (owner/x).</summary>
    public static string? Of(string repository)
    {
        var slash = repository.IndexOf('/');
        if (slash <= 0) return null;
        var first = repository[..slash];
        return IsHost(first) ? first : null;
    }
}
