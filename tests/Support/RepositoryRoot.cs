namespace Cascade.Tests.Support;

/// <summary>The repository the tests were built from, found by walking up from the test output to global.json.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "global.json")) && Directory.Exists(System.IO.Path.Combine(dir.FullName, "build")))
                return dir.FullName;
        throw new InvalidOperationException("repository root (global.json) not found above " + AppContext.BaseDirectory);
    }
}
