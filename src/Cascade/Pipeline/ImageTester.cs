using Cascade.Registry;
using Cascade.Docker;
using Cascade.Stacks;

namespace Cascade.Pipeline;

/// <summary>The test stage of one image: every executable test file in a container of the image, the pytest
/// modules in one host-side pytest run, then the `integration_tests` commands; each case with its log.
/// Containers the host-side tests left are removed afterwards, whatever happened.</summary>
internal sealed class ImageTester(IDockerEngine docker, HostCommandRunner host, TestDiscovery discovery, TimeProvider clock)
{
    public const string TestImageVariable = "TEST_IMAGE";
    public const string TestPlatformVariable = "TEST_PLATFORM";

    /// <summary>Whether the image has anything to run: a test file or an integration command.</summary>
    public bool HasTests(ImageSpec image) => !discovery.For(image.Name).IsEmpty || image.IntegrationTests.Count > 0;

    /// <summary>Runs the image's tests; with a <paramref name="platform"/> (one platform's image of a multi-platform
    /// image) in containers of that platform, and with TEST_PLATFORM set for the host-side ones.</summary>
    public async Task<TestStageResult> RunAsync(
        ImageSpec image, string reference, Platform? platform, StackSpec spec, RunOptions options, ArtifactPaths paths,
        SecretRedactor redactor, CancellationToken ct)
    {
        var started = clock.GetUtcNow();
        var timeout = image.Timeout ?? options.DefaultTimeout;
        var tests = discovery.For(image.Name);
        var cases = new List<TestCaseResult>();

        foreach (var test in tests.Executables)
            cases.Add(await RunInContainerAsync(image, reference, platform, test, timeout, paths, redactor, ct));

        var hostStarted = clock.GetUtcNow();
        try
        {
            var workDir = options.TestWorkingDirectory(spec);
            if (tests.PytestModules.Count > 0)
                cases.AddRange(await new PytestRunner(host).RunAsync(
                    PytestCommand.Parse(options.Pytest), tests.PytestModules, workDir, HostEnvironment(reference, platform, options),
                    timeout * tests.PytestModules.Count, paths.PytestJUnit(image.Name), paths.PytestLog(image.Name), redactor, ct));
            for (var i = 0; i < image.IntegrationTests.Count; i++)
                cases.Add(await RunIntegrationAsync(image, i, reference, platform, workDir, options, timeout, paths, redactor, ct));
        }
        finally
        {
            if (tests.PytestModules.Count > 0 || image.IntegrationTests.Count > 0)
                await RemoveLeftContainersAsync(reference, hostStarted, paths.HostTestsCleanupLog(image.Name));
        }
        return new TestStageResult(started, cases);
    }

    private async Task<TestCaseResult> RunInContainerAsync(ImageSpec image, string reference, Platform? platform, TestFile test, TimeSpan timeout,
        ArtifactPaths paths, SecretRedactor redactor, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var outcome = await docker.RunTestFileAsync(reference, platform, test.HostPath, timeout, ct);
        var failure = outcome.Passed ? null
            : outcome.TimedOut ? $"test {test.RelativePath} timed out after {Durations.Format(timeout)}"
            : $"test {test.RelativePath} failed (exit {outcome.ExitCode})";
        var output = redactor.Redact(outcome.Output);
        var log = paths.TestLog(image.Name, test.RelativePath);
        await WriteLogAsync(log, output, ct);
        return new TestCaseResult(test.RelativePath, failure is null ? TestOutcome.Passed : TestOutcome.Failed, outcome.Duration, failure, output, log);
    }

    private async Task<TestCaseResult> RunIntegrationAsync(ImageSpec image, int index, string reference, Platform? platform, string workDir,
        RunOptions options, TimeSpan timeout, ArtifactPaths paths, SecretRedactor redactor, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var command = image.IntegrationTests[index];
        var outcome = await host.RunAsync(command, workDir, HostEnvironment(reference, platform, options), timeout, ct);
        var failure = outcome.Passed ? null
            : outcome.TimedOut ? $"integration test `{command}` timed out after {Durations.Format(timeout)}"
            : $"integration test `{command}` failed (exit {outcome.ExitCode})";
        var output = redactor.Redact(outcome.Output);
        var log = paths.IntegrationTestLog(image.Name, index);
        await WriteLogAsync(log, $"$ {command}\n{output}", ct);
        return new TestCaseResult($"integration: {command}", failure is null ? TestOutcome.Passed : TestOutcome.Failed,
            outcome.Duration, failure, output, log);
    }

    // Not cancellable on purpose: an interrupted run is exactly when containers are left.
    private async Task RemoveLeftContainersAsync(string reference, DateTimeOffset since, string log)
    {
        try
        {
            var removed = await docker.RemoveContainersLeftAsync(reference, since, CancellationToken.None);
            if (removed.Count > 0)
                await WriteLogAsync(log, $"removed {removed.Count} container(s) of {reference} the host-side tests left: {string.Join(", ", removed)}\n", CancellationToken.None);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await WriteLogAsync(log, $"could not look for containers the tests left: {e.Message}\n", CancellationToken.None);
        }
    }

    // TEST_IMAGE is set; the registry password is taken out, so a test that prints its environment leaks nothing.
    private static Dictionary<string, string?> HostEnvironment(string reference, Platform? platform, RunOptions options)
    {
        var env = new Dictionary<string, string?>(StringComparer.Ordinal) { [TestImageVariable] = reference };
        if (platform is not null) env[TestPlatformVariable] = platform.ToString();
        if (options.Credentials is { Password.Length: > 0 } creds)
            foreach (System.Collections.DictionaryEntry e in Environment.GetEnvironmentVariables())
                if (e.Value as string == creds.Password) env[(string)e.Key] = null;
        return env;
    }

    private static async Task WriteLogAsync(string path, string text, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, text, ct);
    }
}
