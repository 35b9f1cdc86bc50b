using Cascade.Registry;
using System.Collections.Concurrent;
using Cascade.Docker;

namespace Cascade.Tests.Pipeline;

/// <summary>
/// An in-memory engine for scheduler tests: builds take <see cref="BuildTime"/>, images named in
/// <see cref="FailBuild"/> fail, test files whose name is in <see cref="FailTests"/> fail. It records what
/// was asked and how many builds ran at once, and honours cancellation like the real one.
/// </summary>
internal sealed class FakeDockerEngine : IDockerEngine
{
    private int current;
    private int maxConcurrent;

    public TimeSpan BuildTime { get; set; } = TimeSpan.FromMilliseconds(30);

    /// <summary>When set, each build waits until this many builds have run at once (or 30 s have passed, so a
    /// scheduler that never overlaps them fails its assertion instead of hanging): overlap is then an event
    /// the test waits for, not a hope that two delays happen to meet.</summary>
    public int HoldUntilConcurrent { get; set; }

    /// <summary>Raised as a build starts, with the image's name: tests act on it (cancel, say) instead of on a timer.</summary>
    public event Action<string>? BuildStarted;

    private readonly TaskCompletionSource concurrencyReached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public HashSet<string> FailBuild { get; } = [];
    public HashSet<string> FailTests { get; } = [];
    public string? BuildLogLine { get; set; }
    public ConcurrentDictionary<string, string> Images { get; } = new();
    public ConcurrentDictionary<string, Cascade.Stacks.Platform> ImagePlatforms { get; } = new();
    public ConcurrentQueue<ImageBuildRequest> Builds { get; } = new();
    public ConcurrentQueue<(string Image, string File)> TestRuns { get; } = new();
    public ConcurrentQueue<string> Pushes { get; } = new();
    public ConcurrentQueue<string> Removed { get; } = new();
    public ConcurrentQueue<string> Events { get; } = new();
    public int MaxConcurrent => maxConcurrent;

    public async Task<BuildOutcome> BuildAsync(ImageBuildRequest request, TextWriter log, CancellationToken ct)
    {
        var name = Path.GetFileName(request.ContextDirectory);
        Builds.Enqueue(request);
        Events.Enqueue("start " + name);
        var now = Interlocked.Increment(ref current);
        InterlockedMax(ref maxConcurrent, now);
        if (HoldUntilConcurrent > 0 && now >= HoldUntilConcurrent) concurrencyReached.TrySetResult();
        try
        {
            BuildStarted?.Invoke(name);
            if (HoldUntilConcurrent > 0)
                await Task.WhenAny(concurrencyReached.Task, Task.Delay(TimeSpan.FromSeconds(30), ct));
            ct.ThrowIfCancellationRequested();
            await log.WriteLineAsync($"Step 1/1 : FROM {request.BuildArgs.GetValueOrDefault("BASE_IMAGE", "scratch")}");
            if (BuildLogLine is not null) await log.WriteLineAsync(BuildLogLine);
            await Task.Delay(BuildTime, ct);
            if (FailBuild.Contains(name)) return new BuildOutcome(false, null, $"RUN false: exit code 1", []);
            var id = "sha256:" + Guid.NewGuid().ToString("N");
            foreach (var tag in request.Tags)
            {
                Images[tag] = id;
                ImagePlatforms[tag] = request.Platform ?? Cascade.Stacks.Platform.LinuxAmd64;
            }
            return new BuildOutcome(true, id, null, []);
        }
        finally
        {
            Interlocked.Decrement(ref current);
            Events.Enqueue("end " + name);
        }
    }

    public Task<string?> FindImageAsync(string reference, CancellationToken ct) =>
        Task.FromResult(Images.TryGetValue(reference, out var id) ? id : null);

    public async Task<ContainerTestOutcome> RunTestFileAsync(string image, Cascade.Stacks.Platform? platform, string hostFile, TimeSpan timeout, CancellationToken ct)
    {
        TestRuns.Enqueue((image, hostFile));
        await Task.Delay(5, ct);
        var fail = FailTests.Contains(Path.GetFileName(hostFile));
        return new ContainerTestOutcome(fail ? 1 : 0, false, fail ? "assertion failed\n" : "ok\n", TimeSpan.FromMilliseconds(5));
    }

    public Task<Cascade.Stacks.Platform?> ImagePlatformAsync(string reference, CancellationToken ct) =>
        Task.FromResult(ImagePlatforms.TryGetValue(reference, out var p) ? p : null);

    public Task<Cascade.Stacks.Platform> DaemonPlatformAsync(CancellationToken ct) => Task.FromResult(Cascade.Stacks.Platform.LinuxAmd64);

    public Task<string> PushAsync(string reference, RegistryCredentials? credentials, TextWriter log, CancellationToken ct)
    {
        Pushes.Enqueue(reference);
        log.WriteLine($"pushed {reference} as {credentials?.Username}");
        return Task.FromResult("sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(reference))));
    }

    /// <summary>References pulled, in order; a pull makes the image exist locally.</summary>
    public ConcurrentQueue<string> Pulls { get; } = new();

    public Task PullAsync(string reference, Cascade.Stacks.Platform? platform, RegistryCredentials? credentials, CancellationToken ct)
    {
        Pulls.Enqueue(reference);
        Images[reference] = "sha256:pulled-" + reference;
        return Task.CompletedTask;
    }

    public Task TagAsync(string source, string target, CancellationToken ct)
    {
        Images[target] = Images[source];
        return Task.CompletedTask;
    }

    public Task RemoveImageAsync(string reference, CancellationToken ct)
    {
        Removed.Enqueue(reference);
        Images.TryRemove(reference, out _);
        return Task.CompletedTask;
    }

    /// <summary>Images whose left containers were asked for, in order.</summary>
    public ConcurrentQueue<string> Sweeps { get; } = new();

    public Task<IReadOnlyList<string>> RemoveContainersLeftAsync(string reference, DateTimeOffset since, CancellationToken ct)
    {
        Sweeps.Enqueue(reference);
        return Task.FromResult<IReadOnlyList<string>>([]);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen) { }
    }
}
