using Cascade.Docker;
using Cascade.Pipeline;
using Cascade.Registry;
using Cascade.Stacks;
using Spectre.Console;

namespace Cascade.Publishing;

/// <summary>What a pipeline run leaves behind: each image's junit.xml, results.json (and --results-file), and after a
/// Push its ledger entry, with each pushed image's facts.</summary>
/// <param name="resultsFile">--results-file, as a full path: the per-image results written there too.</param>
/// <param name="plainProgress">Plain lines instead of the live progress (on CI, or when stderr is redirected).</param>
sealed class RunRecords(LedgerRecorder ledger, StackPlanning planning, RegistryLogins logins, string? resultsFile, bool plainProgress, TextWriter log)
{
    // Where the progress is drawn: stderr, like every other report, so that stdout carries only what a target produces.
    readonly Lazy<IAnsiConsole> progressConsole = new(() => AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) }));

    /// <summary>The run's reporter and its records, as the pipeline takes them.</summary>
    public RunOutputs Outputs() => new(
        () => RunReporters.Create(progressConsole.Value, log, plainProgress, TimeProvider.System, ResultsFile.Table),
        KeepAsync);

    public async Task KeepAsync(IDockerEngine docker, RunResult result, RunOptions options, CancellationToken ct)
    {
        var paths = new ArtifactPaths(options.ArtifactsDirectory);
        JUnitWriter.WriteAll(result, paths);
        var rows = result.ToRows();
        ResultsFile.Write(paths.Results, rows);
        if (resultsFile is not null) ResultsFile.Write(resultsFile, rows);
        // A --platform run publishes no shared tag (PushIndex does, once every platform is in, and records it);
        // a --fingerprint-tags-only run publishes nothing a user pulls by name: neither is history.
        if (options.UpTo == PipelineStage.Push && options.Platform is null && !options.FingerprintTagsOnly)
            await RecordPushRunAsync(docker, result, options, ct);
    }

    /// <summary>After a Push run: one ledger entry from the run's results, with each pushed image's facts. On the default
    /// branch, its content tags too (<see cref="ContentTags"/>): every command of every image checked before any is
    /// written; when one failed, the push is recorded without them and the run fails naming the image and the entry.</summary>
    async Task RecordPushRunAsync(IDockerEngine docker, RunResult result, RunOptions options, CancellationToken ct)
    {
        using var access = new RegistryAccess(logins.For);
        var pulls = new FactsPulls(result.Images.Where(r => r.Digest is not null && r.Reference is not null).Select(r => r.Name).ToList(),
            name => planning.Spec[name].DependOn);
        var writesTags = ContentTags.AreWritten(planning.Spec, options.Branch);
        var collector = new ImageFactsCollector(docker, access.Client(), logins.ForPush(), log, pulls, writesTags);
        var paths = new ArtifactPaths(options.ArtifactsDirectory);
        var contentTags = new ContentTags();
        var images = new List<LedgerImage>();
        foreach (var image in result.Images)
        {
            var spec = planning.Spec[image.Name];
            var facts = await FactsAsync(collector, spec, image, paths, writesTags ? contentTags : null, ct);
            images.Add(LedgerImage.Of(spec, image) with
            {
                Tags = image.Digest is null ? [] : PushedTags(image.Reference, options.Branch), Facts = facts,
            });
        }
        var failure = contentTags.Failure;
        if (failure is null)
        {
            await contentTags.WriteAsync(access.Client(), log, ct);
            images = images.Select(i => WithContentTags(i, contentTags)).ToList();
        }
        ledger.RecordRun(ledger.NewEntry(LedgerKinds.Push, images));
        if (failure is not null) throw failure;
    }

    static LedgerImage WithContentTags(LedgerImage image, ContentTags contentTags) =>
        contentTags.Of(image.Name) is { Count: > 0 } tags ? image with { Tags = image.Tags.Union(tags, StringComparer.Ordinal).ToList(), ContentTags = tags } : image;

    /// <param name="contentTags">Where the image's content tags are filled from the commands that ran in it; null when
    /// this run writes none.</param>
    async Task<ImageFacts?> FactsAsync(ImageFactsCollector collector, ImageSpec spec, ImageResult result, ArtifactPaths paths,
        ContentTags? contentTags, CancellationToken ct)
    {
        if (result.Digest is not { } digest || result.Reference is not { } reference) return null;
        try
        {
            var gathered = await collector.CollectAsync(planning.Spec, spec, result, paths, ct);
            contentTags?.Fill(spec, reference, digest, gathered.Runs);
            return gathered.Facts;
        }
        catch (Exception e) when (e is InvalidOperationException or RegistryException or HttpRequestException or global::Docker.DotNet.DockerApiException)
        {
            // The image is pushed either way: its page then shows what the ledger has, and says no more.
            log.WriteLine($"warning: {result.Name}: could not gather its page's details: {e.Message}");
            contentTags?.Fill(spec, reference, digest, [], $"could not run: {e.Message}");
        }
        return null;
    }

    IReadOnlyList<string> PushedTags(string? reference, string branch)
    {
        var branchTag = ImageTags.BranchTag(planning.Spec.TagPrefix, branch);
        var exact = reference is null ? null : ImageReference.Parse(reference).Tag;
        return exact is null || exact == branchTag ? [branchTag] : [branchTag, exact];
    }
}
