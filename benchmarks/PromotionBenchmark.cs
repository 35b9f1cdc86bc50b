using System.Security.Cryptography;
using Cascade.Registry;

namespace Cascade.Benchmarks;

internal sealed record PromotionOptions
{
    public int ImageCount { get; init; } = 10;
    public int ImageMegabytes { get; init; } = 20;
    public int Repetitions { get; init; } = 5;

    /// <summary>Rounds of both sides run first and not counted: the first start of a freshly compiled program reads it from disk.</summary>
    public int Warmups { get; init; } = 1;

    /// <summary>The requirement: Cascade's registry-side promotion takes at most this share of pull/tag/push.</summary>
    public double MaxRatio { get; init; } = 0.1;
}

internal sealed record PromotionResult(PromotionOptions Options, Measurement PullTagPush, Measurement Cascade)
{
    public BenchmarkTable ToTable() => new(
        "Promotion",
        $"{Options.ImageCount} images of {Options.ImageMegabytes} MB each (FROM scratch, one layer of random bytes, so nothing " +
        "compresses or is shared) pushed to a local registry of its own. Baseline: what DataHub's tag.yml does, one image after " +
        "another: `docker pull` (the images are first removed from the daemon, as on a fresh runner), `docker tag`, `docker push`. " +
        $"Against it: `Promote --from-tag … --to-tag …` as a whole process, which copies each manifest registry-side. " +
        $"{Options.Repetitions} repetition(s), alternating, after {Options.Warmups} warm-up round(s) of both that are not counted.",
        new BenchmarkCase($"docker pull, tag, push of {Options.ImageCount} images", PullTagPush),
        [new BenchmarkCase($"Cascade Promote of {Options.ImageCount} images", Cascade, Options.MaxRatio)]);
}

/// <summary>
/// Proves that promotion moves manifests, not layers: the same images re-tagged by pulling and pushing them,
/// and by Cascade's Promote. Every image either side made is removed, and the registry is thrown away.
/// </summary>
internal sealed class PromotionBenchmark(CascadeCommand cascade, string cascadeRoot, DockerCli docker, TextWriter log, TimeProvider clock)
{
    private const string SourceTag = "src";

    public async Task<PromotionResult> RunAsync(PromotionOptions options, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Repetitions, 1);
        using var registry = await ScratchRegistry.StartAsync(ct);
        var folder = Directory.CreateTempSubdirectory("cascade-bench-promote-").FullName;
        var owner = $"cascade-bench-{Guid.NewGuid():N}"[..26];
        var prefix = $"{registry.Host}/{owner}";
        try
        {
            var images = await PushImagesAsync(folder, registry.Host, owner, options, ct);
            List<TimeSpan> baseline = [], promote = [];
            for (var i = -options.Warmups; i < options.Repetitions; i++)
            {
                await RemoveLocalAsync(prefix, ct);
                var pulled = await PullTagPushAsync(images, $"pulled-{i + options.Warmups}", ct);
                var promoted = await CascadePromoteAsync(Path.Combine(folder, "stack"), Path.Combine(folder, "artifacts"), images, $"promoted-{i + options.Warmups}", ct);
                var round = i < 0 ? "warm-up" : $"run {i + 1}";
                log.WriteLine($"  Promotion {round}: pull/tag/push {BenchmarkReport.Seconds(pulled)}, Cascade {BenchmarkReport.Seconds(promoted)}");
                if (i < 0) continue;
                baseline.Add(pulled);
                promote.Add(promoted);
            }
            return new PromotionResult(options, new Measurement(baseline), new Measurement(promote));
        }
        finally
        {
            await RemoveLocalAsync(prefix, CancellationToken.None);
            TempRepository.DeleteFolder(folder);
        }
    }

    /// <summary>Writes a stack of N one-layer images of random bytes, builds and pushes each as :src. Not timed.</summary>
    private async Task<IReadOnlyList<string>> PushImagesAsync(string folder, string host, string owner, PromotionOptions options, CancellationToken ct)
    {
        var stack = Path.Combine(folder, "stack");
        var names = Enumerable.Range(1, options.ImageCount).Select(i => $"promote-{i}").ToList();
        await File.WriteAllTextAsync(Path.Combine(Directory.CreateDirectory(stack).FullName, "spec.yml"),
            $"registry: {host}\nowner: {owner}\nimages:\n" + string.Concat(names.Select(n => $"  {n}: {{}}\n")), ct);
        var repositories = new List<string>();
        foreach (var name in names)
        {
            var context = Directory.CreateDirectory(Path.Combine(stack, name)).FullName;
            await File.WriteAllBytesAsync(Path.Combine(context, "payload"), RandomNumberGenerator.GetBytes(options.ImageMegabytes * 1024 * 1024), ct);
            await File.WriteAllTextAsync(Path.Combine(context, "Dockerfile"), "FROM scratch\nCOPY payload /payload\n", ct);
            var repository = $"{host}/{owner}/{name}";
            await docker.BuildAsync(context, $"{repository}:{SourceTag}", new Dictionary<string, string>(), ct);
            await docker.LinesAsync(["push", "-q", $"{repository}:{SourceTag}"], ct);
            repositories.Add(repository);
        }
        log.WriteLine($"  Pushed {names.Count} images of {options.ImageMegabytes} MB to {host}");
        return repositories;
    }

    private async Task RemoveLocalAsync(string prefix, CancellationToken ct)
    {
        var references = await docker.ReferencesUnderAsync(prefix, ct);
        if (references.Count > 0) await docker.LinesAsync(["rmi", "-f", .. references], ct);
    }

    /// <summary>The baseline, as tag.yml runs it: per image, pull, tag, push.</summary>
    private async Task<TimeSpan> PullTagPushAsync(IReadOnlyList<string> repositories, string toTag, CancellationToken ct)
    {
        var started = clock.GetTimestamp();
        foreach (var repository in repositories)
        {
            await docker.LinesAsync(["pull", "-q", $"{repository}:{SourceTag}"], ct);
            await docker.LinesAsync(["tag", $"{repository}:{SourceTag}", $"{repository}:{toTag}"], ct);
            await docker.LinesAsync(["push", "-q", $"{repository}:{toTag}"], ct);
        }
        return clock.GetElapsedTime(started);
    }

    private async Task<TimeSpan> CascadePromoteAsync(string stack, string artifacts, IReadOnlyList<string> repositories, string toTag, CancellationToken ct)
    {
        var run = await cascade.RunAsync(["Promote", "--stack", stack, "--from-tag", SourceTag, "--to-tag", toTag, "--artifacts", artifacts],
            cascadeRoot, clock, ct);
        if (!run.Succeeded) throw BenchmarkException.Failed($"`{cascade} Promote` of the benchmark's images", run);
        // A fast run that promoted nothing would flatter Cascade: every new tag must name its source's manifest.
        using var http = new HttpClient();
        var client = new RegistryClient(http, _ => null);
        foreach (var repository in repositories)
        {
            var source = await client.ManifestExistsAsync($"{repository}:{SourceTag}", ct);
            var promoted = await client.ManifestExistsAsync($"{repository}:{toTag}", ct);
            if (promoted is null || promoted != source)
                throw new BenchmarkException($"`{cascade} Promote` succeeded but {repository}:{toTag} is {promoted ?? "missing"}, not {source}; its output:\n{run.OutputTail}");
        }
        return run.WallTime;
    }
}
