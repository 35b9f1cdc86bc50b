using Cascade.Registry;
using System.Collections.Concurrent;
using Cascade.Docker;

namespace Cascade.Tests.Pipeline;

/// <summary>
/// An in-memory engine for scheduler tests: builds take <see cref="BuildTime"/>, images named in
/// <see cref="FailBuild"/> fail, test files whose name is in <see cref="FailTests"/> fail, so do pushes of images
/// in <see cref="FailPush"/>. It records what
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

    /// <summary>How many of an image's next builds fail with <see cref="TransientError"/> (as a concurrent prune makes them fail).</summary>
    public ConcurrentDictionary<string, int> TransientFailures { get; } = new();
    public string TransientError { get; set; } =
        "failed to set parent sha256:0f3c…: unknown parent image ID sha256:0f3c5d3c5e3a7c8b";
    public HashSet<string> FailTests { get; } = [];

    /// <summary>Images (by name: the repository's last part) whose pushes fail, as a registry that refuses them would.</summary>
    public HashSet<string> FailPush { get; } = [];
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
            await log.WriteLineAsync($"Step 1/1 : FROM {request.InjectedArgs.GetValueOrDefault("BASE_IMAGE", "scratch")}");
            if (BuildLogLine is not null) await log.WriteLineAsync(BuildLogLine);
            await Task.Delay(BuildTime, ct);
            if (FailBuild.Contains(name)) return new BuildOutcome(false, null, $"RUN false: exit code 1", []);
            if (TransientFailures.TryGetValue(name, out var left) && left > 0)
            {
                TransientFailures[name] = left - 1;
                await log.WriteLineAsync("ERROR: " + TransientError);
                return new BuildOutcome(false, null, TransientError, []);
            }
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

    /// <summary>An image it holds: its id, no size, its platform (the daemon's unless set), no labels, no history.</summary>
    public Task<ImageDetails?> InspectAsync(string reference, CancellationToken ct) =>
        Task.FromResult(Images.TryGetValue(reference, out var id)
            ? new ImageDetails(id, 0, (ImagePlatforms.GetValueOrDefault(reference) ?? Cascade.Stacks.Platform.LinuxAmd64).ToString(),
                DateTimeOffset.UnixEpoch, new Dictionary<string, string>(), [])
            : null);

    /// <summary>Info commands print the command they were given, as `echo` would.</summary>
    public Task<ContainerTestOutcome> RunShellCommandAsync(string image, string command, TimeSpan timeout, CancellationToken ct) =>
        Task.FromResult(new ContainerTestOutcome(0, false, command + "\n", TimeSpan.Zero));

    public Task<Cascade.Stacks.Platform?> ImagePlatformAsync(string reference, CancellationToken ct) =>
        Task.FromResult(ImagePlatforms.TryGetValue(reference, out var p) ? p : null);

    public Task<Cascade.Stacks.Platform> DaemonPlatformAsync(CancellationToken ct) => Task.FromResult(Cascade.Stacks.Platform.LinuxAmd64);

    /// <summary>Pulls asked for (reference and platform), in order; references in <see cref="FailPull"/> are refused,
    /// the others then exist locally.</summary>
    public ConcurrentQueue<(string Reference, Cascade.Stacks.Platform? Platform)> Pulls { get; } = new();
    public HashSet<string> FailPull { get; } = [];

    public Task PullAsync(string reference, Cascade.Stacks.Platform? platform, RegistryCredentials? credentials, CancellationToken ct)
    {
        Pulls.Enqueue((reference, platform));
        Events.Enqueue("pull " + reference);
        if (FailPull.Contains(reference)) throw new InvalidOperationException($"could not pull {reference}: manifest unknown");
        Images.TryAdd(reference, "sha256:pulled-" + reference); // a pull makes the image exist locally
        return Task.CompletedTask;
    }

    public Task<string> PushAsync(string reference, RegistryCredentials? credentials, TextWriter log, CancellationToken ct)
    {
        var name = reference[..reference.LastIndexOf(':')].Split('/')[^1];
        if (FailPush.Contains(name)) throw new InvalidOperationException($"denied: {reference}");
        Pushes.Enqueue(reference);
        log.WriteLine($"pushed {reference} as {credentials?.Username}");
        return Task.FromResult("sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(reference))));
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

    public Task<bool> HoldsAnyImageOfAsync(IReadOnlyCollection<string> repositories, CancellationToken ct) =>
        Task.FromResult(Images.Keys.Any(r => repositories.Contains(Cascade.Stacks.ReferenceParts.Split(r).Name)));

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
