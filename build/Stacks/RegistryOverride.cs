namespace Cascade.Stacks;

/// <summary>`--registry HOST`: the same stack, pushed elsewhere (a mirror, a local registry in tests).</summary>
public static class RegistryOverride
{
    /// <summary>Puts every repository under <paramref name="registry"/>: a repository that names a host
    /// (ghcr.io/ucsd-ets/x) has that host replaced; one that names none (owner/x) gets it in front.</summary>
    public static StackSpec WithRegistry(this StackSpec spec, string registry)
    {
        registry = registry.TrimEnd('/');
        return spec with
        {
            Registry = registry,
            Images = spec.Images.Select(i => i with { Repository = registry + "/" + WithoutHost(i.Repository) }).ToList(),
        };
    }

    /// <summary>Docker's rule: the first path component is a host when it holds '.' or ':' or is localhost.</summary>
    public static string WithoutHost(string repository)
    {
        var slash = repository.IndexOf('/');
        if (slash < 0) return repository;
        var first = repository[..slash];
        return first.Contains('.') || first.Contains(':') || first == "localhost" ? repository[(slash + 1)..] : repository;
    }
}
