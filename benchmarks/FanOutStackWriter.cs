using System.Text;

namespace Cascade.Benchmarks;

/// <summary>A written fan-out stack: a root and its children, in a git repository with one commit.</summary>
/// <param name="RunId">Unique per stack: in the owner (so every reference is unique) and in the root's label
/// (which every image inherits, so no layer can come from another run's cache and cleanup finds them all).</param>
internal sealed record FanOutStack(
    string RepositoryRoot, string StackDirectory, string RunId, string Owner, string RootName, IReadOnlyList<string> ChildNames)
{
    public const string RunLabel = "cascade.bench.run";

    public string Repository(string image) => $"{Owner}/{image}";

    public string ContextOf(string image) => Path.Combine(StackDirectory, image);
}

/// <summary>An image of a benchmark stack: FROM its parent, then `RUN sleep`.</summary>
internal sealed record SleepingImage(string Name, string Parent, int SleepSeconds);

/// <summary>
/// Writes the fan-out benchmark's stack: a root built FROM scratch with /bin/busybox (nothing can be pulled)
/// and children that each `RUN sleep`, so a build's time is mostly waiting, which parallelism removes.
/// Each child has its own LABEL before the RUN: identical steps on the same parent would otherwise be
/// one cached layer, and the sequential baseline would sleep only once.
/// </summary>
internal sealed class FanOutStackWriter
{
    public const string RootName = "fanout-root";

    public int ChildCount { get; init; } = 6;
    public int SleepSeconds { get; init; } = 5;

    /// <summary>The busybox binary copied into the root's context.</summary>
    public string BusyboxPath { get; init; } = "/bin/busybox";

    public static string ChildName(int index) => $"fanout-child-{index}";

    /// <param name="directory">An empty or missing folder; it becomes the repository root.</param>
    /// <param name="runId">Lower-case letters and digits, unique per stack.</param>
    public FanOutStack Write(string directory, string runId) =>
        Write(directory, runId, Enumerable.Range(1, ChildCount).Select(i => new SleepingImage(ChildName(i), RootName, SleepSeconds)).ToList());

    /// <summary>The root and <paramref name="images"/>, each on its parent (the root or an earlier one) and
    /// sleeping its own time: any shape of stack whose build time is known in advance.</summary>
    public FanOutStack Write(string directory, string runId, IReadOnlyList<SleepingImage> images)
    {
        if (runId.Length == 0 || !runId.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9'))
            throw new ArgumentException("the run id must be lower-case letters and digits (it is part of image names)", nameof(runId));
        if (!File.Exists(BusyboxPath))
            throw new BenchmarkException($"{BusyboxPath} is missing: the fan-out images are built FROM scratch with a static busybox (apt-get install busybox-static).");

        var root = Path.GetFullPath(directory);
        var stackDir = Path.Combine(root, "images");
        var owner = $"cascade-bench-{runId}";
        var children = images.Select(i => i.Name).ToList();

        var rootDir = Path.Combine(stackDir, RootName);
        Directory.CreateDirectory(rootDir);
        File.Copy(BusyboxPath, Path.Combine(rootDir, "busybox"), overwrite: true);
        File.WriteAllText(Path.Combine(rootDir, "Dockerfile"), RootDockerfile(runId));
        foreach (var image in images)
        {
            Directory.CreateDirectory(Path.Combine(stackDir, image.Name));
            File.WriteAllText(Path.Combine(stackDir, image.Name, "Dockerfile"), ChildDockerfile(owner, image));
        }
        File.WriteAllText(Path.Combine(stackDir, "spec.yml"), Spec(owner, images));

        var git = new Changes.GitCli(root);
        git.RunChecked("init", "-q", "-b", "main");
        git.RunChecked("add", "-A");
        git.RunChecked("-c", "user.name=Cascade Benchmark", "-c", "user.email=bench@cascade.invalid",
            "-c", "commit.gpgsign=false", "commit", "-q", "-m", "fan-out stack");
        return new FanOutStack(root, stackDir, runId, owner, RootName, children);
    }

    // The label is the first step, so even the first layer is this run's own.
    private static string RootDockerfile(string runId) =>
        $"FROM scratch\nLABEL {FanOutStack.RunLabel}={runId}\nCOPY busybox /bin/busybox\nRUN [\"/bin/busybox\",\"--install\",\"-s\",\"/bin\"]\n";

    // Cascade passes BASE_IMAGE, the exact reference of the root built in the same run; the baseline passes it by hand.
    private static string ChildDockerfile(string owner, SleepingImage image) =>
        $"ARG BASE_IMAGE={owner}/{image.Parent}:latest\nFROM ${{BASE_IMAGE}}\nLABEL cascade.bench.image={image.Name}\nRUN sleep {image.SleepSeconds}\n";

    private static string Spec(string owner, IEnumerable<SleepingImage> images)
    {
        var yaml = new StringBuilder("# Written by Cascade's benchmarks: one root, images that only sleep.\n")
            .Append($"owner: {owner}\n\nroot: {RootName}\n\nimages:\n  {RootName}: {{}}\n");
        foreach (var image in images)
            yaml.Append($"  {image.Name}:\n    depend_on: {image.Parent}\n");
        return yaml.Append("\ntag:\n  prefix: bench\n").ToString();
    }
}
