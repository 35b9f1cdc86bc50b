namespace Cascade.Pipeline;

/// <summary>Where a run keeps its files, all under one artifacts folder (uploaded as a whole on CI).</summary>
/// <param name="platformFolder">For one platform's image of a multi-platform image: a folder (`linux-arm64`) inside the image's.</param>
internal sealed class ArtifactPaths(string root, string? platformFolder = null)
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

    /// <summary>Names the stack whose artifacts these are, so that two stacks never mix runs, logs or results.</summary>
    public string OwnerFile => Path.Combine(Root, ".cascade-stack");

    /// <summary>Claims the folder for the stack of <paramref name="specFile"/>; throws when another stack's
    /// artifacts are there.</summary>
    public void Claim(string specFile)
    {
        var owner = Path.GetFullPath(specFile);
        if (File.Exists(OwnerFile) && File.ReadAllText(OwnerFile).Trim() is { Length: > 0 } other && other != owner)
            throw new InvalidOperationException(
                $"The artifacts folder {Root} holds the artifacts of the stack {other}; two stacks must not share one " +
                "(their logs, results and run state would mix). Pass --artifacts DIR, or leave it out: the default is per stack.");
        Directory.CreateDirectory(Root);
        File.WriteAllText(OwnerFile, owner + "\n");
    }

    /// <summary>Before an image runs: removes what earlier runs left of the stages this one does, so a test
    /// that was removed or renamed leaves no old log behind. A new build makes everything below it new.</summary>
    public void ClearStages(string image, RunOptions options)
    {
        if (options.Runs(PipelineStage.Build))
        {
            DeleteFolder(ImageFolder(image));
            return;
        }
        if (options.Runs(PipelineStage.Test))
        {
            DeleteFolder(Path.Combine(ImageFolder(image), "tests"));
            DeleteFile(JUnit(image));
        }
        if (options.Runs(PipelineStage.Push)) DeleteFile(PushLog(image));
    }

    private static void DeleteFile(string file)
    {
        if (File.Exists(file)) File.Delete(file);
    }

    private static void DeleteFolder(string folder)
    {
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }
}
