using Cascade.Docker;
using Cascade.Registry;
using Cascade.Pipeline;
using Cascade.Stacks;

namespace Cascade.Reports.Publishing;

/// <summary>
/// Gathers what a pushed image's page shows: sizes, platform, parent, build args, test results (its JUnit
/// files), the layer table (its history) and the output of each of its info_cmds, each run in a fresh
/// container that is removed afterwards. An image the run pruned from the daemon is pulled back for this and
/// removed again.
/// </summary>
public sealed class ImageFactsCollector(DockerEngine docker, RegistryClient registry, RegistryCredentials? credentials, TextWriter log)
{
    public const string BaseNameLabel = "org.opencontainers.image.base.name";
    public const string BaseDigestLabel = "org.opencontainers.image.base.digest";
    public static readonly TimeSpan InfoCommandTimeout = TimeSpan.FromMinutes(2);

    public async Task<ImageFacts> CollectAsync(StackSpec spec, ImageSpec image, string reference, string digest, ArtifactPaths paths, CancellationToken ct)
    {
        var pulled = false;
        var details = await docker.InspectAsync(reference, ct);
        if (details is null)
        {
            await docker.PullAsync(reference, credentials, ct);
            pulled = true;
            details = await docker.InspectAsync(reference, ct);
        }
        try
        {
            var manifest = await registry.GetManifestAsync(ImageReference.Parse(reference) with { Tag = null, Digest = digest }, ct);
            return new ImageFacts
            {
                CompressedSize = manifest is { IsIndex: false } ? manifest.CompressedSize() : null,
                UncompressedSize = details?.Size,
                Platform = details?.Platform,
                Created = details?.Created,
                Parent = details?.Labels.GetValueOrDefault(BaseNameLabel),
                ParentDigest = details?.Labels.GetValueOrDefault(BaseDigestLabel) is { Length: > 0 } d ? d : null,
                BuildArgs = image.BuildArgs,
                Tests = [.. JUnitReader.Read(paths.JUnit(image.Name)), .. JUnitReader.Read(GpuJUnit(paths, image.Name))],
                Layers = details?.History.Select(h => new LayerRow(h.Created, h.Command, h.Size)).ToList() ?? [],
                Info = details is null ? [] : await InfoAsync(spec, image, reference, ct),
            };
        }
        finally
        {
            if (pulled) await docker.RemoveImageAsync(reference, CancellationToken.None);
        }
    }

    public static string GpuJUnit(ArtifactPaths paths, string image) => Path.Combine(paths.ImageFolder(image), "gpu-junit.xml");

    private async Task<IReadOnlyList<InfoOutput>> InfoAsync(StackSpec spec, ImageSpec image, string reference, CancellationToken ct)
    {
        var outputs = new List<InfoOutput>();
        foreach (var key in image.InfoCmds)
        {
            var command = spec.AllInfoCmds[key];
            var outcome = await docker.RunShellCommandAsync(reference, command.Command, InfoCommandTimeout, ct);
            if (!outcome.Passed) log.WriteLine($"  {image.Name}: info command {key} exited {outcome.ExitCode?.ToString() ?? "without a code"}");
            outputs.Add(new InfoOutput(key, command.Description ?? key, command.Command, outcome.Output));
        }
        return outputs;
    }
}
