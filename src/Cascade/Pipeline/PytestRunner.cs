using Cascade.Stacks;
using Cascade.Registry;

namespace Cascade.Pipeline;

/// <summary>
/// Runs an image's pytest modules as DataHub does: one host-side pytest invocation, from the working folder
/// (the repository root, where DataHub runs `pytest images/tests_common images/NAME/test`) so the stack's
/// conftest.py and the repository's pytest.ini are picked up by pytest itself, TEST_IMAGE set. The cases
/// come from pytest's own JUnit file; the console output is kept as the run's log.
/// </summary>
internal sealed class PytestRunner(HostCommandRunner host)
{
    public async Task<IReadOnlyList<TestCaseResult>> RunAsync(
        PytestCommand pytest, IReadOnlyList<TestFile> modules, string workDir, Dictionary<string, string?> environment,
        TimeSpan timeout, string junitPath, string logPath, SecretRedactor redactor, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(junitPath)!);
        if (File.Exists(junitPath)) File.Delete(junitPath);
        var arguments = pytest.RunArguments(junitPath, modules.Select(m => PathFrom(workDir, m.HostPath)));
        PytestCommand.AddEnvironment(environment);
        var outcome = await host.RunAsync(pytest.Program, arguments, workDir, environment, timeout, ct);
        var output = redactor.Redact(outcome.Output);
        Directory.CreateDirectory(Path.GetDirectoryName(logPath)!);
        await File.WriteAllTextAsync(logPath, $"$ {pytest.Program} {string.Join(' ', arguments)}\n{output}", ct);

        List<TestCaseResult> cases = [];
        if (File.Exists(junitPath))
        {
            // Kept beside the image's junit.xml for tools that want pytest's own file, secrets taken out.
            await File.WriteAllTextAsync(junitPath, redactor.Redact(await File.ReadAllTextAsync(junitPath, ct)), ct);
            cases.AddRange(JUnitReader.Read(junitPath, logPath));
        }
        if (Problem(outcome, pytest, timeout, cases) is { } problem)
            cases.Add(new TestCaseResult("pytest", TestOutcome.Failed, outcome.Duration, problem, output, logPath));
        return cases;
    }

    /// <summary>What went wrong beyond a failing case: pytest missing, killed at the limit, or stopped with
    /// an error no case shows (a usage error, an internal error).</summary>
    private static string? Problem(HostCommandOutcome outcome, PytestCommand pytest, TimeSpan timeout, List<TestCaseResult> cases) =>
        outcome.NotFound ? $"pytest not found: `{pytest.Program}` could not be started (Debian: apt-get install {PytestCommand.DebianPackages}; or --pytest COMMAND)"
        : outcome.TimedOut ? $"pytest timed out after {Durations.Format(timeout)}"
        : !PytestCommand.IsSuccess(outcome.ExitCode) && !cases.Any(c => c.Failed) ? $"pytest failed (exit {outcome.ExitCode})"
        : null;

    /// <summary>Relative to the working folder when inside it (`images/tests_common/test_x.py`, as DataHub
    /// names them), else absolute.</summary>
    public static string PathFrom(string workDir, string file)
    {
        var relative = Path.GetRelativePath(workDir, file);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? file : relative;
    }
}
