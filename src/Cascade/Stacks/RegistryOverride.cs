namespace Cascade.Stacks;

/// <summary>`--registry HOST`: the same stack, pushed elsewhere (a mirror, a local registry in tests).</summary>
internal static class RegistryOverride
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

    /// <summary>The repository without the registry host it names, if any (<see cref="RepositoryHost"/>).</summary>
    public static string WithoutHost(string repository) =>
        RepositoryHost.Of(repository) is { } host ? repository[(host.Length + 1)..] : repository;
}
