using Cascade.Engine;
using Cascade.Pipeline;
using Cascade.Reports;

namespace Cascade;

/// <summary>The test stage's host side: which pytest runs an image's pytest modules, the check before the first
/// build that the host can run the tests it will meet, and the reports written from the run's test cases.</summary>
partial class CascadeBuild
{
    /// <summary>--pytest: the program and first arguments that start pytest for the images' tests.</summary>
    [Parameter("How to start pytest for the images' pytest modules (test_*.py, *_test.py): a program and its first " +
               "arguments, e.g. \"/usr/bin/python3 -m pytest\"; default `pytest` on PATH")]
    protected string Pytest { get; init; } = PytestCommand.Default;

    /// <summary>Before anything builds: a run that tests fails now, naming what to install, when pytest, a
    /// module its conftest imports or an integration_tests command is missing on this host.</summary>
    async Task CheckTestsCanRunAsync(IReadOnlyCollection<string> images, RunOptions options, CancellationToken ct)
    {
        if (options.UpTo < PipelineStage.Test) return;
        var report = await new TestPreflight(new HostCommandRunner()).CheckAsync(Loaded.Spec, images, options, ct);
        foreach (var warning in report.Warnings) Out.WriteLine("warning: " + warning);
        if (report.Errors.Count > 0)
            throw new InvalidOperationException("the tests cannot run on this host; nothing was built:\n" +
                                                string.Join("\n", report.Errors.Select(e => "  " + e)));
    }

    /// <summary>Each image's junit.xml, from the test cases the run recorded.</summary>
    static void WriteTestReports(RunResult result, RunOptions options) =>
        JUnitWriter.WriteAll(result, new ArtifactPaths(options.ArtifactsDirectory));
}
