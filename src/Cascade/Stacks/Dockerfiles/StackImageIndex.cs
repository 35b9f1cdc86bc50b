namespace Cascade.Stacks.Dockerfiles;

/// <summary>
/// Finds which stack image a Dockerfile reference means: by full repository first, then by the image's
/// name under `images:`, then by a shorter tail of its repository (owner/name, name). A tail two images
/// share means neither, rather than guessing.
/// </summary>
internal sealed class StackImageIndex
{
    private readonly Dictionary<string, (string? Image, int Rank)> byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> byArgName = new(StringComparer.Ordinal);

    public StackImageIndex(IEnumerable<(string Name, string Repository)> images)
    {
        foreach (var (name, repository) in images)
        {
            Add(repository, name, 0);
            Add(name, name, 1);
            byArgName.TryAdd(ParentBuildArgs.ImageOf(name), name);
            for (var slash = repository.IndexOf('/'); slash >= 0; slash = repository.IndexOf('/', slash + 1))
                Add(repository[(slash + 1)..], name, 2);
        }
    }

    /// <summary>The stack image <paramref name="repository"/> names, or null when it names none (or several).</summary>
    public string? Find(string repository) => byKey.TryGetValue(repository, out var hit) ? hit.Image : null;

    /// <summary>The stack image whose build arg (e.g. SCIPY_ML_NOTEBOOK_IMAGE) is <paramref name="argName"/>.</summary>
    public string? FindByArgName(string argName) => byArgName.GetValueOrDefault(argName);

    private void Add(string key, string image, int rank)
    {
        if (!byKey.TryGetValue(key, out var existing) || rank < existing.Rank)
            byKey[key] = (image, rank);
        else if (rank == existing.Rank && existing.Image != image)
            byKey[key] = (null, rank); // ambiguous at the same strength
    }
}
