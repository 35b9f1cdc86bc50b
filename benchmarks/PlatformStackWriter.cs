using System.Text;
using Cascade.Stacks;

namespace Cascade.Benchmarks;

/// <summary>
/// Writes the emulation benchmark's stack, for one platform: a root FROM scratch with the busybox of each
/// architecture (the Dockerfile picks it by TARGETARCH, which Cascade passes) and children that each run the
/// same CPU-bound shell work, so the build time is mostly executing the platform's binaries — under qemu when
/// the platform is not the host's. The same stack for another platform differs only in `platforms:`.
/// </summary>
internal sealed class PlatformStackWriter
{
    public const string RootName = "platform-root";

    public int ChildCount { get; init; } = 2;

    /// <summary>Iterations of a busybox-sh counting loop per image; then 10 md5sums of the busybox binary.</summary>
    public int LoopIterations { get; init; } = 100_000;

    public string Amd64Busybox { get; init; } = "/bin/busybox";

    /// <summary>A static arm64 busybox (Debian's busybox-static:arm64, unpacked by .ci/emulation).</summary>
    public string Arm64Busybox { get; init; } =
        Environment.GetEnvironmentVariable("CASCADE_TEST_ARM64_BUSYBOX") is { Length: > 0 } set ? set : "/usr/local/lib/cascade-test/arm64/bin/busybox";

    public static string ChildName(int index) => $"platform-child-{index}";

    /// <param name="repository">An empty git repository (the stack goes into images/, committed).</param>
    /// <param name="runId">Lower-case letters and digits, unique per stack: no layer comes from another run's cache.</param>
    internal FanOutStack Write(TempRepository repository, string runId, Platform platform)
    {
        foreach (var busybox in new[] { Amd64Busybox, Arm64Busybox })
            if (!File.Exists(busybox))
                throw new BenchmarkException($"{busybox} is missing: the platform benchmark builds FROM scratch with a static busybox " +
                                             "per architecture (.ci/emulation fetches the arm64 one).");
        var stackDir = Path.Combine(repository.Root, "images");
        var owner = $"cascade-bench-{runId}";
        var children = Enumerable.Range(1, ChildCount).Select(ChildName).ToList();

        var rootDir = Directory.CreateDirectory(Path.Combine(stackDir, RootName)).FullName;
        File.Copy(Amd64Busybox, Path.Combine(rootDir, "busybox-amd64"), overwrite: true);
        File.Copy(Arm64Busybox, Path.Combine(rootDir, "busybox-arm64"), overwrite: true);
        File.WriteAllText(Path.Combine(rootDir, "run-id"), runId + "\n");
        File.WriteAllText(Path.Combine(rootDir, "Dockerfile"), RootDockerfile(runId));
        foreach (var child in children)
        {
            Directory.CreateDirectory(Path.Combine(stackDir, child));
            File.WriteAllText(Path.Combine(stackDir, child, "Dockerfile"), $"ARG BASE_IMAGE\nFROM ${{BASE_IMAGE}}\n{Work()}");
        }
        File.WriteAllText(Path.Combine(stackDir, "spec.yml"), Spec(owner, platform, children));
        repository.CommitAll($"platform stack for {platform}");
        return new FanOutStack(repository.Root, stackDir, runId, owner, RootName, children);
    }

    // The run id first: a file unique to the run keeps its layers out of any earlier run's build cache.
    private string RootDockerfile(string runId) =>
        "FROM scratch\nCOPY run-id /.run-id\nARG TARGETARCH\nCOPY busybox-${TARGETARCH} /bin/busybox\n" +
        $"RUN [\"/bin/busybox\",\"--install\",\"-s\",\"/bin\"]\nLABEL {FanOutStack.RunLabel}={runId}\n{Work()}";

    private string Work() =>
        $"RUN i=0; while [ $i -lt {LoopIterations} ]; do i=$((i+1)); done; for k in 1 2 3 4 5 6 7 8 9 10; do md5sum /bin/busybox; done > /sums\n";

    private static string Spec(string owner, Platform platform, IEnumerable<string> children)
    {
        var yaml = new StringBuilder("# Written by Cascade's platform benchmark: the same work, for one platform.\n")
            .Append($"owner: {owner}\nplatforms: [{platform}]\n\nimages:\n  {RootName}:\n");
        foreach (var child in children)
            yaml.Append($"  {child}:\n    depend_on: {RootName}\n");
        return yaml.ToString();
    }
}
