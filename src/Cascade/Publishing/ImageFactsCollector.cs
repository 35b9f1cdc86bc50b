using Cascade.Reports;
using Cascade.Docker;
using Cascade.Registry;
using Cascade.Pipeline;
using Cascade.Stacks;

namespace Cascade.Publishing;

/// <summary>
/// Gathers what a pushed image's page shows: sizes, platform, parent, build args, test results (its JUnit
/// files), the layer table (its history) and the output of each of its info_cmds, each run in a fresh
/// container that is removed afterwards. An image the daemon does not have (reused from the registry, or pruned) is
/// pulled for this and removed again once no image still to be gathered stands on it (<see cref="FactsPulls"/>).
/// A multi-platform image also gets each platform's digest, sizes and layers.
/// </summary>
/// <param name="pulls">Which of the images it pulled stay until a child's facts are gathered (<see cref="FactsPulls"/>);
/// without it each is removed as soon as its own facts are.</param>
/// <param name="contentTags">Whether the commands that fill each image's `tags:` run too, in the same containers' way
/// (<see cref="InfoCommandRunner"/>), while the image is in the daemon: a default branch's Push writes them.</param>
internal sealed class ImageFactsCollector(IDockerEngine docker, RegistryClient registry, RegistryCredentials? credentials, TextWriter log,
    FactsPulls? pulls = null, bool contentTags = false)
{
    private readonly InfoCommandRunner info = new(docker, log);

    public async Task<GatheredImage> CollectAsync(StackSpec spec, ImageSpec image, ImageResult result, ArtifactPaths paths, CancellationToken ct)
    {
        if (result.Reference is not { } reference || result.Digest is not { } digest)
            throw new InvalidOperationException($"{result.Name} was not pushed: it has no page");
        try { return await CollectWholeAsync(spec, image, result, reference, digest, paths, ct); }
        finally
        {
            foreach (var released in pulls?.Done(image.Name) ?? []) await RemoveAsync(released);
        }
    }

    private async Task<GatheredImage> CollectWholeAsync(StackSpec spec, ImageSpec image, ImageResult result, string reference, string digest,
        ArtifactPaths paths, CancellationToken ct)
    {
        var each = result.PlatformResults.Where(p => p.Platform is not null).ToList();
        if (each.Count == 0) return await CollectOneAsync(spec, image, reference, digest, paths, ct);

        // A multi-platform image: the shared tag is an index. Its page's details come from one platform's image
        // (the daemon's own when it is one of them: no emulation), and each platform gets a row of its own.
        var daemon = (await docker.DaemonPlatformAsync(ct)).ToString();
        var shown = each.FirstOrDefault(p => p.Platform!.ToString() == daemon) ?? each[0];
        var (whole, runs) = shown.Reference is { } shownReference && shown.Digest is { } shownDigest
            ? await CollectOneAsync(spec, image, shownReference, shownDigest, paths, ct)
            : new GatheredImage(new ImageFacts { BuildArgs = image.BuildArgs }, []);
        var platforms = new List<PlatformFacts>(each.Count);
        foreach (var platform in each) platforms.Add(await PlatformAsync(platform, ct));
        return new GatheredImage(whole with
        {
            CompressedSize = null, UncompressedSize = null, Platform = null, Layers = [],
            Tests = [.. each.SelectMany(p => PlatformTests(paths, image.Name, p.Platform!)), .. Tests(GpuJUnit(paths, image.Name))],
            Platforms = platforms,
            InfoPlatform = image.InfoCmds.Count > 0 ? shown.Platform!.ToString() : null,
        }, runs);
    }

    private async Task<GatheredImage> CollectOneAsync(StackSpec spec, ImageSpec image, string reference, string digest, ArtifactPaths paths, CancellationToken ct)
    {
        var (facts, runs) = await GatherAsync(spec, image, reference, digest, contentTags, ct);
        return new GatheredImage(facts with { Tests = [.. Tests(paths.JUnit(image.Name)), .. Tests(GpuJUnit(paths, image.Name))] }, runs);
    }

    /// <summary>What an image is, by reference, tests aside: sizes, platform, parent, layers and its info_cmds outputs. An image
    /// the daemon does not have is pulled for this (and removed again, or kept while <see cref="FactsPulls"/> says a child needs
    /// it); its compressed size comes from the registry, so only when its <paramref name="digest"/> is known (pushed).</summary>
    public async Task<ImageFacts> DescribeAsync(StackSpec spec, ImageSpec image, string reference, string? digest, CancellationToken ct) =>
        (await GatherAsync(spec, image, reference, digest, withContentTags: false, ct)).Facts;

    private async Task<GatheredImage> GatherAsync(StackSpec spec, ImageSpec image, string reference, string? digest, bool withContentTags,
        CancellationToken ct)
    {
        var pulled = false;
        var details = await docker.InspectAsync(reference, ct);
        if (details is null)
        {
            await docker.PullAsync(reference, null, credentials, ct);
            pulled = true;
            details = await docker.InspectAsync(reference, ct);
        }
        try
        {
            var manifest = digest is null ? null
                : await registry.GetManifestAsync(ImageReference.Parse(reference) with { Tag = null, Digest = digest }, ct);
            var runs = details is null ? [] : await info.RunAsync(spec, image, reference, InfoCommandRunner.KeysOf(image, withContentTags), ct);
            return new GatheredImage(new ImageFacts
            {
                CompressedSize = manifest?.CompressedSize(),
                UncompressedSize = details?.Size,
                Platform = details?.Platform,
                Created = details?.Created,
                Parent = details?.Labels.GetValueOrDefault(OciLabels.BaseName),
                ParentDigest = details?.Labels.GetValueOrDefault(OciLabels.BaseDigest) is { Length: > 0 } d ? d : null,
                BuildArgs = image.BuildArgs,
                Layers = Layers(details),
                Info = runs.Where(r => image.InfoCmds.Contains(r.Key)).Select(r => r.Output).ToList(),
            }, runs);
        }
        finally
        {
            if (pulled && pulls is not null) pulls.Pulled(image.Name, reference);
            else if (pulled) await RemoveAsync(reference);
        }
    }

    private async Task RemoveAsync(string reference)
    {
        log.WriteLine($"  removed {reference} from the daemon: pulled for its facts, and no image still to be gathered stands on it");
        await docker.RemoveImageAsync(reference, CancellationToken.None);
    }

    /// <summary>One platform's row: the compressed size from its manifest in the registry; its size and layers only
    /// where the daemon has that platform's image (it is not pulled for this: under emulation the run left it there).</summary>
    private async Task<PlatformFacts> PlatformAsync(ImageResult platform, CancellationToken ct)
    {
        if (platform.Reference is not { } reference || platform.Digest is not { } digest)
            return new PlatformFacts { Platform = platform.Platform!.ToString(), Digest = platform.Digest };
        var manifest = await registry.GetManifestAsync(ImageReference.Parse(reference) with { Tag = null, Digest = digest }, ct);
        var details = await docker.InspectAsync(reference, ct);
        return new PlatformFacts
        {
            Platform = platform.Platform!.ToString(), Digest = digest,
            CompressedSize = manifest?.CompressedSize(),
            UncompressedSize = details?.Size, Layers = Layers(details),
        };
    }

    /// <summary>What the registry alone says of a multi-platform image whose platforms were built on other machines
    /// (CI's index job): each platform's digest and compressed size. Its layers and info_cmds would need the images.</summary>
    public static async Task<ImageFacts> FromRegistryAsync(RegistryClient registry, ImageSpec image,
        IReadOnlyList<(Stacks.Platform Platform, string Tag)> platformTags, CancellationToken ct)
    {
        var repository = ImageReference.Parse(image.Repository);
        var platforms = new List<PlatformFacts>(platformTags.Count);
        foreach (var (platform, tag) in platformTags)
        {
            var manifest = await registry.GetManifestAsync(repository.WithTag(tag), ct);
            platforms.Add(new PlatformFacts { Platform = platform.ToString(), Digest = manifest?.Digest, CompressedSize = manifest?.CompressedSize() });
        }
        return new ImageFacts { Platform = string.Join(", ", image.Platforms), Platforms = platforms };
    }

    /// <summary>Each platform's tests (its JUnit file in its own folder), named with the platform they ran on.</summary>
    private static IEnumerable<PageTest> PlatformTests(ArtifactPaths paths, string image, Stacks.Platform platform) =>
        Tests(paths.ForPlatform(platform).JUnit(image)).Select(t => t with { Name = $"{t.Name} ({platform})" });

    /// <summary>The cases of a JUnit file the run (or a GPU test run) wrote; none when it wrote none.</summary>
    private static IEnumerable<PageTest> Tests(string junitPath) =>
        JUnitReader.ReadIfPresent(junitPath).Select(c => new PageTest(c.Name, c.Outcome));

    private static IReadOnlyList<LayerRow> Layers(ImageDetails? details) =>
        details?.History.Select(h => new LayerRow(h.Created, h.Command, h.Size)).ToList() ?? [];

    public static string GpuJUnit(ArtifactPaths paths, string image) => Path.Combine(paths.ImageFolder(image), "gpu-junit.xml");
}

/// <summary>A pushed image's facts, and every all_info_cmds entry that ran in it (its info_cmds, and its content tags'
/// fields when those were asked for).</summary>
internal sealed record GatheredImage(ImageFacts Facts, IReadOnlyList<InfoRun> Runs);
