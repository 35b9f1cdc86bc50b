using Cascade.Docker;
using Cascade.Reports;
using Cascade.Stacks;

namespace Cascade.Pipeline;

/// <summary>The test stage of one image: every discovered in-container test file, then the host-side
/// integration tests; each output kept in a log, all of it in the image's junit.xml.</summary>
public sealed class ImageTester(IDockerEngine docker, HostCommandRunner host, TestDiscovery discovery, TimeProvider clock)
{
    public const string TestImageVariable = "TEST_IMAGE";
    public const string TestPlatformVariable = "TEST_PLATFORM";

    /// <summary>Runs the tests, in containers of <paramref name="platform"/> when given (one platform's image of a
    /// multi-platform image); returns null when all passed, else the reason naming the first failure.</summary>
    public async Task<string?> RunAsync(
        ImageSpec image, string reference, Platform? platform, StackSpec spec, RunOptions options, ArtifactPaths paths,
        SecretRedactor redactor, CancellationToken ct)
    {
        var timeout = image.Timeout ?? options.DefaultTimeout;
        var cases = new List<TestCaseRecord>();
        string? firstFailure = null;
        var started = clock.GetUtcNow();

        foreach (var test in discovery.For(image.Name))
        {
            ct.ThrowIfCancellationRequested();
            var outcome = await docker.RunTestFileAsync(reference, platform, test.HostPath, timeout, ct);
            var failure = outcome.Passed ? null
                : outcome.TimedOut ? $"test {test.RelativePath} timed out after {timeout}"
                : $"test {test.RelativePath} failed (exit {outcome.ExitCode})";
            var output = redactor.Redact(outcome.Output);
            await WriteLogAsync(paths.TestLog(image.Name, test.RelativePath), output, ct);
            cases.Add(new TestCaseRecord(test.RelativePath, outcome.Duration, failure, output));
            firstFailure ??= failure;
        }

        var workDir = options.RepositoryRoot ?? Path.GetDirectoryName(spec.Directory) ?? spec.Directory;
        var env = HostEnvironment(reference, options);
        if (platform is not null) env[TestPlatformVariable] = platform.ToString();
        for (var i = 0; i < image.IntegrationTests.Count; i++)
        {
            ct.ThrowIfCancellationRequested();
            var command = image.IntegrationTests[i];
            var outcome = await host.RunAsync(command, workDir, env, timeout, ct);
            var failure = outcome.Passed ? null
                : outcome.TimedOut ? $"integration test `{command}` timed out after {timeout}"
                : $"integration test `{command}` failed (exit {outcome.ExitCode})";
            var output = redactor.Redact(outcome.Output);
            await WriteLogAsync(paths.IntegrationTestLog(image.Name, i), $"$ {command}\n{output}", ct);
            cases.Add(new TestCaseRecord($"integration: {command}", outcome.Duration, failure, output));
            firstFailure ??= failure;
        }

        JUnitWriter.Write(paths.JUnit(image.Name), platform is null ? image.Name : $"{image.Name} ({platform})", cases, started);
        return firstFailure;
    }

    // TEST_IMAGE is set; the registry password is taken out, so a test that prints its environment leaks nothing.
    private static Dictionary<string, string?> HostEnvironment(string reference, RunOptions options)
    {
        var env = new Dictionary<string, string?>(StringComparer.Ordinal) { [TestImageVariable] = reference };
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
