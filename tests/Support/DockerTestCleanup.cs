using System.Diagnostics;

namespace Cascade.Tests.Support;

/// <summary>Test-side checks and sweeps through the docker CLI, independent of the code under test.</summary>
public static class DockerTestCleanup
{
    /// <summary>Ids of containers (any state) carrying the label cascade.owned=true.</summary>
    public static IReadOnlyList<string> OwnedContainers() =>
        Docker("ps", "-aq", "--filter", "label=cascade.owned=true");

    /// <summary>Ids of cascade.owned containers made from images whose name contains <paramref name="imagePrefix"/>.
    /// Tests run in parallel: a test asserts on its own containers, not on those another test has running.</summary>
    public static IReadOnlyList<string> OwnedContainers(string imagePrefix) =>
        Docker("ps", "-a", "--filter", "label=cascade.owned=true", "--format", "{{.ID}} {{.Image}}")
            .Where(line => line.Contains(imagePrefix, StringComparison.Ordinal))
            .Select(line => line.Split(' ')[0])
            .ToList();

    /// <summary>Removes every image a test stack made: those whose repository contains <paramref name="prefix"/>,
    /// and those carrying its label cascade.test.stack=<paramref name="prefix"/> — which also catches the untagged
    /// ones a rebuild or a moved tag left behind.</summary>
    public static void RemoveImagesWithPrefix(string prefix)
    {
        var refs = Docker("images", "--format", "{{.Repository}}:{{.Tag}}").Where(r => r.Contains(prefix, StringComparison.Ordinal));
        var labelled = Docker("images", "-q", "--no-trunc", "--filter", $"label=cascade.test.stack={prefix}");
        var all = refs.Concat(labelled).Distinct().ToList();
        if (all.Count > 0) Docker(["rmi", "-f", .. all]);
    }

    public static IReadOnlyList<string> Docker(params string[] args)
    {
        var start = new ProcessStartInfo("docker", args) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }
}
