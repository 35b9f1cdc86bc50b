using Cascade.Stacks;

namespace Cascade.Benchmarks;

internal sealed record EmulationOptions
{
    public int Repetitions { get; init; } = 3;
    public int ChildCount { get; init; } = 2;
    public int LoopIterations { get; init; } = 100_000;
}

internal sealed record EmulationResult(EmulationOptions Options, Platform Native, Measurement NativeBuild, Measurement EmulatedBuild)
{
    public BenchmarkTable ToTable() => new(
        "Emulated arm64 build",
        $"A root (FROM scratch + the platform's busybox) and {Options.ChildCount} children, each running the same CPU-bound shell " +
        $"work (a {Options.LoopIterations:N0}-step busybox-sh loop and 10 md5sums of busybox), built cold with `Build --all`, once " +
        $"with `platforms: [{Native}]` (the host's own) and once with `platforms: [linux/arm64]`, whose `RUN` steps execute " +
        $"under qemu-user-static through binfmt_misc. {Options.Repetitions} cold repetition(s) each, alternating. What emulation costs.",
        new BenchmarkCase($"Build --all for {Native} (native)", NativeBuild),
        [new BenchmarkCase("Build --all for linux/arm64 (emulated)", EmulatedBuild)]);
}

/// <summary>
/// Measures what building for a foreign platform costs: the same small stack built by Cascade for the host's
/// platform and for linux/arm64 under emulation, each from cold. Every image either side made is removed.
/// Null (and a line in the log) where arm64 containers cannot run: the report then has no such table.
/// </summary>
internal sealed class EmulationBenchmark(CascadeCommand cascade, string cascadeRoot, DockerCli docker, TextWriter log, TimeProvider clock)
{
    public async Task<EmulationResult?> RunAsync(EmulationOptions options, CancellationToken ct)
    {
        var native = Platform.Parse(Changes.Fingerprints.Fingerprinter.HostPlatform);
        if (native == Platform.LinuxArm64) { log.WriteLine("  Emulation benchmark skipped: the host is arm64."); return null; }
        if (!File.Exists("/proc/sys/fs/binfmt_misc/qemu-aarch64"))
        {
            log.WriteLine("  Emulation benchmark skipped: no qemu-aarch64 binfmt handler (run .ci/emulation as root).");
            return null;
        }
        var writer = new PlatformStackWriter { ChildCount = options.ChildCount, LoopIterations = options.LoopIterations };
        List<TimeSpan> nativeTimes = [], emulatedTimes = [];
        for (var i = 0; i < options.Repetitions; i++)
        {
            // Alternate which goes first, so a neighbour's load falls on both sides alike.
            Platform[] order = i % 2 == 0 ? [native, Platform.LinuxArm64] : [Platform.LinuxArm64, native];
            foreach (var platform in order)
                (platform == native ? nativeTimes : emulatedTimes).Add(await BuildColdAsync(writer, platform, ct));
            log.WriteLine($"  Emulation run {i + 1}: {native} {BenchmarkReport.Seconds(nativeTimes[^1])}, linux/arm64 {BenchmarkReport.Seconds(emulatedTimes[^1])}");
        }
        return new EmulationResult(options, native, new Measurement(nativeTimes), new Measurement(emulatedTimes));
    }

    private async Task<TimeSpan> BuildColdAsync(PlatformStackWriter writer, Platform platform, CancellationToken ct)
    {
        using var repository = new TempRepository("cascade-bench-platform-");
        var stack = writer.Write(repository, Guid.NewGuid().ToString("N")[..12], platform);
        try
        {
            var run = await cascade.RunAsync(
                ["Build", "--stack", stack.StackDirectory, "--all", "--artifacts", Path.Combine(repository.Root, "artifacts")],
                cascadeRoot, clock, ct);
            if (!run.Succeeded) throw BenchmarkException.Failed($"`{cascade} Build --all` on the {platform} stack", run);
            return run.WallTime;
        }
        finally
        {
            await docker.RemoveStackAsync(stack, CancellationToken.None);
        }
    }
}
