using Cascade.Docker;
using Cascade.Registry;
using Cascade.Stacks;

namespace Cascade.Pipeline;

/// <summary>How one image's GPU tests went.</summary>
internal sealed record GpuTestResult(string Image, string Reference, TestStageResult Tests, TimeSpan Duration)
{
    public bool Passed => Tests.FirstFailure is null;
    public string? Reason => Tests.FirstFailure?.Failure;
}

/// <summary>The engine cannot give a container a GPU: no run can succeed, so none is attempted after the first.</summary>
internal sealed class GpuUnavailableException(string message) : Exception(message);

/// <summary>
/// `TestGpu --from-tag TAG`: runs each image's `gpu_tests:` in fresh containers of the already-pushed
/// `repository:TAG` (pulled, never rebuilt), every GPU requested from the engine as `docker run --gpus all`
/// does. An engine without a GPU runtime refuses the first container at once; that ends the run with a
/// message saying so, instead of failing every test the same way.
/// </summary>
internal sealed class GpuTestRunner(DockerEngine docker, TestDiscovery discovery, TextWriter log, TimeProvider clock)
{
    public async Task<IReadOnlyList<GpuTestResult>> RunAsync(StackSpec spec, IReadOnlyList<string> images, string fromTag,
        RegistryCredentials? credentials, ArtifactPaths paths, TimeSpan defaultTimeout, CancellationToken ct)
    {
        var results = new List<GpuTestResult>();
        foreach (var name in images)
        {
            var tests = discovery.GpuFor(name);
            if (tests.Count == 0) continue;
            var image = spec[name];
            var reference = ImageTags.Reference(image.Repository, fromTag);
            var started = clock.GetTimestamp();
            await docker.PullAsync(reference, null, credentials, ct);
            var cases = new List<TestCaseResult>();
            var stageStarted = clock.GetUtcNow();
            foreach (var test in tests)
            {
                var outcome = await docker.RunTestFileAsync(reference, null, test.HostPath, image.Timeout ?? defaultTimeout, allGpus: true, ct);
                if (outcome.EngineError is { } refused && IsGpuRefusal(refused))
                    throw new GpuUnavailableException(
                        $"{name}: the Docker engine at hand cannot give containers a GPU ({refused.Trim()}). GPU tests need a " +
                        "GPU runner with the NVIDIA Container Toolkit (`nvidia-ctk runtime configure --runtime=docker`); " +
                        "run TestGpu there.");
                var failure = outcome.Passed ? null : outcome.TimedOut ? $"GPU test {test.RelativePath} timed out" : $"GPU test {test.RelativePath} failed (exit {outcome.ExitCode})";
                var logFile = paths.TestLog(name, "gpu/" + test.RelativePath);
                Directory.CreateDirectory(Path.GetDirectoryName(logFile)!);
                await File.WriteAllTextAsync(logFile, outcome.Output, ct);
                cases.Add(new TestCaseResult("gpu: " + test.RelativePath, failure is null ? TestOutcome.Passed : TestOutcome.Failed,
                    outcome.Duration, failure, outcome.Output, logFile));
                log.WriteLine($"  {name}: {test.RelativePath} {(failure is null ? TestOutcome.Passed.ToText() : TestOutcome.Failed.ToText().ToUpperInvariant())}");
            }
            results.Add(new GpuTestResult(name, reference, new TestStageResult(stageStarted, cases), clock.GetElapsedTime(started)));
        }
        return results;
    }

    // dockerd: `could not select device driver "" with capabilities: [[gpu]]`; with a broken toolkit, nvidia-container-cli errors.
    private static bool IsGpuRefusal(string message) =>
        message.Contains("device driver", StringComparison.OrdinalIgnoreCase)
        || message.Contains("nvidia", StringComparison.OrdinalIgnoreCase)
        || message.Contains("[[gpu]]", StringComparison.Ordinal);
}
