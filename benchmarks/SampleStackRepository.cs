namespace Cascade.Benchmarks;

/// <summary>The small side of the Plan benchmark: a copy of the repository's sample stack (images/) in a temp
/// git repository with two commits, the second changing one Dockerfile.</summary>
/// <param name="ChangedDockerfile">Repository-relative path of the Dockerfile the second commit changed.</param>
internal sealed record SampleStack(string RepositoryRoot, string StackDirectory, string BaseRef, string ChangedDockerfile);

internal static class SampleStackRepository
{
    /// <summary>Copies <paramref name="sampleStackDirectory"/> into <paramref name="repositoryRoot"/>/images, commits
    /// it, then appends a comment to the first image's Dockerfile (by folder name; in the sample that is the root,
    /// so every image is affected, as every image is in the generated big stack) and commits again.</summary>
    public static SampleStack Create(string sampleStackDirectory, TempRepository repository)
    {
        if (!File.Exists(Path.Combine(sampleStackDirectory, "spec.yml")))
            throw new BenchmarkException($"{sampleStackDirectory} holds no spec.yml: give the folder of the sample stack (images/).");
        var stackDir = Path.Combine(repository.Root, "images");
        CopyFolder(sampleStackDirectory, stackDir);
        var baseRef = repository.CommitAll("sample stack");

        var dockerfile = Directory.EnumerateDirectories(stackDir).Order(StringComparer.Ordinal)
            .Select(d => Path.Combine(d, "Dockerfile")).FirstOrDefault(File.Exists)
            ?? throw new BenchmarkException($"no image folder with a Dockerfile in {sampleStackDirectory}");
        File.AppendAllText(dockerfile, "# changed by the Plan benchmark\n");
        repository.CommitAll("change one Dockerfile");
        return new SampleStack(repository.Root, stackDir, baseRef, Path.GetRelativePath(repository.Root, dockerfile).Replace('\\', '/'));
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var dir in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
    }
}
