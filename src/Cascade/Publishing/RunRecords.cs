using Cascade.Docker;
using Cascade.Pipeline;
using Cascade.Registry;
using Cascade.Reports;
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

    /// <summary>The run's reporter, its duration history and its records, as the pipeline takes them.</summary>
    public RunOutputs Outputs() => new(
        () => RunReporters.Create(progressConsole.Value, log, plainProgress, TimeProvider.System, ResultsFile.Table),
        paths => ResultsFile.ReadBuildDurations(paths.Results),
        KeepAsync);

    public async Task KeepAsync(DockerEngine docker, RunResult result, RunOptions options, CancellationToken ct)
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

    /// <summary>After a Push run: one ledger entry from the run's results, with each pushed image's facts.</summary>
    async Task RecordPushRunAsync(DockerEngine docker, RunResult result, RunOptions options, CancellationToken ct)
    {
        using var http = new HttpClient();
        var collector = new ImageFactsCollector(docker, logins.PushClient(http), logins.ForPush(), log);
        var paths = new ArtifactPaths(options.ArtifactsDirectory);
        var images = new List<LedgerImage>();
        foreach (var row in RunRows.Of(result))
        {
            var spec = planning.Spec[row.Name];
            var facts = await FactsAsync(collector, spec, row, paths, ct);
            images.Add(new LedgerImage
            {
                Name = row.Name, Reference = row.Reference, Digest = row.Digest, Fingerprint = row.Fingerprint,
                TestFingerprint = row.TestFingerprint, Status = row.Status, Reason = row.Reason, DurationS = row.DurationS, Parents = spec.DependOn,
                Tags = row.Digest is null ? [] : PushedTags(row.Reference, options.Branch), Facts = facts,
            });
        }
        ledger.RecordRun(ledger.NewEntry(LedgerKinds.Push, images));
    }

    async Task<ImageFacts?> FactsAsync(ImageFactsCollector collector, ImageSpec spec, RunRow row, ArtifactPaths paths, CancellationToken ct)
    {
        try
        {
            if (row.Digest is not null && row.Reference is not null)
                return await collector.CollectAsync(planning.Spec, spec, row, paths, ct);
        }
        catch (Exception e) when (e is InvalidOperationException or RegistryException or HttpRequestException or global::Docker.DotNet.DockerApiException)
        {
            // The image is pushed either way: its page then shows what the ledger has, and says no more.
            log.WriteLine($"warning: {row.Name}: could not gather its page's details: {e.Message}");
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
