namespace Cascade.Pipeline;

/// <summary>Where a run keeps its files, all under one artifacts folder (uploaded as a whole on CI).</summary>
/// <param name="platformFolder">For one platform's image of a multi-platform image: a folder (`linux-arm64`) inside the image's.</param>
public sealed class ArtifactPaths(string root, string? platformFolder = null)
{
    public string Root { get; } = Path.GetFullPath(root);
    public string ImageFolder(string image) => platformFolder is null ? Path.Combine(Root, image) : Path.Combine(Root, image, platformFolder);

    /// <summary>The same run's files for one platform's image: artifacts/&lt;image&gt;/&lt;os-arch&gt;/.</summary>
    public ArtifactPaths ForPlatform(Stacks.Platform platform) => new(Root, platform.TagSuffix);

    public string BuildLog(string image) => Path.Combine(ImageFolder(image), "build.log");
    public string PushLog(string image) => Path.Combine(ImageFolder(image), "push.log");
    public string JUnit(string image) => Path.Combine(ImageFolder(image), "junit.xml");

    /// <summary>`tests/&lt;path relative to the stack&gt;.log`: distinct for tests_common/x and base/test/x.</summary>
    public string TestLog(string image, string testRelativePath) =>
        Path.Combine(ImageFolder(image), "tests", testRelativePath.Replace('/', Path.DirectorySeparatorChar) + ".log");

    /// <summary>The image's pytest run: its console output, and the JUnit file pytest wrote.</summary>
    public string PytestLog(string image) => Path.Combine(ImageFolder(image), "tests", "pytest.log");
    public string PytestJUnit(string image) => Path.Combine(ImageFolder(image), "tests", "pytest-junit.xml");

    /// <summary>Which containers the host-side tests left and Cascade removed.</summary>
    public string HostTestsCleanupLog(string image) => Path.Combine(ImageFolder(image), "tests", "containers-removed.log");

    public string IntegrationTestLog(string image, int index) => Path.Combine(ImageFolder(image), "tests", $"integration-{index + 1}.log");
    public string RunState => Path.Combine(Root, ".cascade-run.json");
    public string Results => Path.Combine(Root, "results.json");
}
