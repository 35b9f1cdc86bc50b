using Cascade.Docker;
using Cascade.Engine;
using Cascade.Pipeline;
using Cascade.Registry;
using Cascade.Publishing;
using Cascade.Reports;
using Cascade.Stacks;
using LedgerData = Cascade.Publishing.Ledger;

namespace Cascade;

/// <summary>Publishing: promotion (registry-side, all or nothing, test-gated), GPU tests on pushed images,
/// the ledger of every Push and Promote, and the pages generated from it (manifests, wiki, job summary).</summary>
partial class CascadeBuild
{
    /// <summary>--from-tag: the tag Promote and Test --gpu take images from.</summary>
    [Parameter("Promote / Test --gpu: the tag to take images from, e.g. 2026.3-main")]
    protected string? FromTag { get; init; }

    /// <summary>--to-tag: the tag(s) Promote gives them.</summary>
    [Parameter("Promote: the tag(s) to give them, e.g. 2026.3-stable stable")]
    protected string[] ToTag { get; init; } = [];

    /// <summary>--dry-run: Promote prints what would move and writes nothing.</summary>
    [Parameter("Promote: print exactly what would move, write nothing")]
    protected bool DryRun { get; init; }

    /// <summary>--gpu: Test runs the pushed images' gpu_tests instead of building.</summary>
    [Parameter("Test: run the images' gpu_tests on the pushed --from-tag images (all GPUs requested), without building")]
    protected bool Gpu { get; init; }

    /// <summary>--manifests: the folder for the per-image Markdown manifests and history pages.</summary>
    [Parameter("Folder for the per-image Markdown manifests and the history pages; default: <artifacts>/manifests")]
    protected string? Manifests { get; init; }

    /// <summary>--wiki: a checked-out wiki folder that receives the pages and holds the ledger.</summary>
    [Parameter("A checked-out <repo>.wiki folder: the pages go there too (wiki links), and the ledger lives there (none there while <artifacts>/ledger.json has entries: the run stops and says how to bring them over)")]
    protected string? Wiki { get; init; }

    /// <summary>--ledger: the ledger (JSON) of every Push and Promote.</summary>
    [Parameter("The ledger (JSON) of every Push and Promote; default: <wiki>/ledger.json, else <artifacts>/ledger.json")]
    protected string? Ledger { get; init; }

    string LedgerPath => Path.GetFullPath(Ledger ?? (Wiki is not null ? Path.Combine(Wiki, LedgerData.FileName)
        : Path.Combine(ArtifactsFolder, LedgerData.FileName)), RootDirectory);

    string ManifestsDirectory => Path.GetFullPath(Manifests ?? Path.Combine(ArtifactsFolder, "manifests"), RootDirectory);

    /// <summary>Links the job summary can follow: absolute, to the repository's wiki, when the repository is known.</summary>
    PageLinks SummaryLinks => PageLinks.ForSummary(Repository.SourceUrl, wiki: Wiki is not null);

    void WriteDocs()
    {
        HoldArtifactsFolder();
        WriteDocs(LoadLedger());
    }

    /// <summary>The ledger this run reads and appends to, once <see cref="CheckWikiLedger"/> found nothing to stop for.</summary>
    LedgerData LoadLedger()
    {
        CheckWikiLedger();
        return LedgerData.Load(LedgerPath);
    }

    /// <summary>Stops, before anything is written, a run whose --wiki folder has no ledger while the artifacts ledger has
    /// entries (see <see cref="WikiLedger"/>); an explicit --ledger is a choice made on purpose.</summary>
    void CheckWikiLedger()
    {
        if (Wiki is null || Ledger is not null) return;
        if (WikiLedger.Problem(LedgerPath, Path.Combine(ArtifactsFolder, LedgerData.FileName)) is { } problem)
            throw new InvalidOperationException(problem);
    }

    void WriteDocs(LedgerData ledger)
    {
        var count = DocsWriter.Write(ledger, ManifestsDirectory, new PageLinks(wiki: false));
        Out.WriteLine($"Docs: {count} page(s) from {LedgerPath} ({ledger.Entries.Count} entries) in {ManifestsDirectory}");
        if (Wiki is null) return;
        DocsWriter.Write(ledger, Path.GetFullPath(Wiki, RootDirectory), new PageLinks(wiki: true));
        Out.WriteLine($"Docs: and in the wiki folder {Path.GetFullPath(Wiki, RootDirectory)}");
    }

    /// <summary>What this run did (a Push, a promotion, a GPU test run): recorded in the ledger, and left on its own in
    /// the artifacts (<see cref="LedgerData.EntryFileName"/>) for a CI job to record in the wiki's ledger (RecordEntries).</summary>
    /// <param name="ledger">The ledger as this run already read it, else it is read now.</param>
    void RecordRun(LedgerEntry entry, LedgerData? ledger = null)
    {
        LedgerData.SaveEntry(Path.Combine(ArtifactsFolder, LedgerData.EntryFileName), entry);
        Record(entry, ledger);
    }

    /// <param name="ledger">The ledger as this run already read it, else it is read now.</param>
    /// <returns>The ledger as it now is, and whether the entry was appended: a Push that changed nothing makes no
    /// history row (<see cref="HistoryRows"/>), and says so.</returns>
    (LedgerData Ledger, bool Appended) Record(LedgerEntry entry, LedgerData? ledger = null)
    {
        ledger ??= LoadLedger();
        JobSummary.AppendIfRequested(Environment.GetEnvironmentVariable, entry, SummaryLinks);
        if (ledger.ChangesNothing(entry))
        {
            Out.WriteLine(HistoryRows.NoRowMessage(entry, LedgerPath));
            return (ledger, false);
        }
        var appended = ledger.Append(entry);
        appended.Save(LedgerPath);
        WriteDocs(appended);
        return (appended, true);
    }

    LedgerEntry NewEntry(string kind, IReadOnlyList<LedgerImage> images) => new()
    {
        Kind = kind, When = DateTimeOffset.UtcNow, Commit = Repository.Commit, Branch = RunBranch,
        SourceUrl = Repository.SourceUrl, Images = images,
    };

    /// <summary>After a Push run: one ledger entry from the run's results, with each pushed image's facts.</summary>
    async Task RecordPushRunAsync(IDockerEngine docker, RunResult run, CancellationToken ct)
    {
        using var access = new RegistryAccess(CredentialsFor);
        var collector = new ImageFactsCollector(docker, access.Client(), PushCredentials(), Out);
        var paths = new ArtifactPaths(ArtifactsFolder);
        var images = new List<LedgerImage>();
        foreach (var result in run.Images)
        {
            var spec = Loaded.Spec[result.Name];
            ImageFacts? facts = null;
            try
            {
                if (result.Digest is not null && result.Reference is not null)
                    facts = await collector.CollectAsync(Loaded.Spec, spec, result, paths, ct);
            }
            catch (Exception e) when (e is InvalidOperationException or RegistryException or HttpRequestException or global::Docker.DotNet.DockerApiException)
            {
                // The image is pushed either way: its page then shows what the ledger has, and says no more.
                Out.WriteLine($"warning: {result.Name}: could not gather its page's details: {e.Message}");
            }
            images.Add(LedgerImage.Of(spec, result) with { Tags = result.Digest is null ? [] : PushedTags(result.Reference), Facts = facts });
        }
        RecordRun(NewEntry(LedgerKinds.Push, images));
    }

    IReadOnlyList<string> PushedTags(string? reference)
    {
        var branchTag = ImageTags.BranchTag(Loaded.Spec.TagPrefix, RunBranch);
        var exact = reference is null ? null : ImageReference.Parse(reference).Tag;
        return exact is null || exact == branchTag ? [branchTag] : [branchTag, exact];
    }

    async Task PromoteAsync()
    {
        if (FromTag is not { Length: > 0 }) throw new ArgumentException("Promote needs --from-tag TAG (e.g. --from-tag 2026.3-main).");
        if (ToTag.Length == 0) throw new ArgumentException("Promote needs --to-tag TAG [TAG...] (e.g. --to-tag 2026.3-stable stable).");
        var sources = PromotionSources(FromTag);
        // A dry run writes nothing; a promotion appends to the ledger, after any other run in the folder did.
        if (!DryRun) await HoldArtifactsFolderAsync(Stopping);
        // While the registry answers: the ledger (the gate reads it) and git (the entry names commit and branch).
        var ledgerRead = InBackground(LoadLedger);
        var repository = InBackground(() => Repository);
        // And what each image's tests check now: the gate asks whether the digest passed exactly those.
        var testsRead = InBackground(() => Cascade.Changes.Fingerprints.TestFingerprinter.Compute(Loaded.Spec, RootDirectory));
        using var access = new RegistryAccess(CredentialsFor);
        var registry = access.Client();
        var promoter = new Promoter(registry, StandardOutput);
        var plan = await promoter.PlanAsync(sources, ToTag, Stopping);
        var ledger = await ledgerRead;
        var tests = await testsRead;
        var refusals = PromotionGate.Refusals(ledger, await GateQuestionsAsync(plan, tests, new TestRecords(registry), Stopping));
        if (refusals.Count > 0)
            throw new PromotionException("Nothing was promoted: only tested images may be promoted.\n  " + string.Join("\n  ", refusals));

        // What moves is the target's result: stdout, for scripts; progress and the rest go to stderr.
        StandardOutput.WriteLine(DryRun ? "Promote --dry-run: would move (nothing is written):" : "Promote:");
        if (DryRun)
        {
            foreach (var move in plan.Moves) StandardOutput.WriteLine($"  {move.Image}: {move.Describe()}");
            return;
        }
        await promoter.ApplyAsync(plan, Stopping);
        await repository;
        // The row names the commit the images were built from, which the ledger knows; the checkout's HEAD may be
        // any later commit (or another branch).
        var builtFrom = ledger.BuiltFrom(plan.Moves.Select(m => (m.Image, m.Manifest.Digest)));
        if (builtFrom is null) Out.WriteLine($"Promote: {LedgerPath} records no push of these images: the promotion's history row names no commit.");
        RecordRun(NewEntry(LedgerKinds.Promote, plan.Moves.Select(m => LedgerImage.Of(Loaded.Spec[m.Image], ImageStatus.Promoted) with
        {
            Reference = m.Source.ToString(), Digest = m.Manifest.Digest,
            Fingerprint = ledger.FingerprintOf(m.Image, m.Manifest.Digest), TestFingerprint = tests[m.Image].Value, Tags = ToTag,
        }).ToList()) with
        {
            FromTag = FromTag, ToTags = ToTag, Commit = builtFrom?.Commit, SourceUrl = builtFrom?.SourceUrl ?? Repository.SourceUrl,
        }, ledger);
        Out.WriteLine($"Promoted {plan.Moves.Count} image(s) from {FromTag} to {string.Join(", ", ToTag)}.");
    }

    /// <summary>For each image to move: does it need GPU tests, and has the digest passed its current tests (the
    /// registry's record, asked for every image at once)?</summary>
    async Task<IReadOnlyList<GateQuestion>> GateQuestionsAsync(PromotionPlan plan,
        IReadOnlyDictionary<string, Cascade.Changes.Fingerprints.TestFingerprint> tests, TestRecords records, CancellationToken ct)
    {
        var discovery = new TestDiscovery(Loaded.Spec);
        return await Task.WhenAll(plan.Moves.Select(async m => new GateQuestion(m.Image, m.Manifest.Digest, discovery.GpuFor(m.Image).Count > 0)
        {
            Tests = tests[m.Image],
            TestsPassedInRegistry = await records.PassedAsync(Loaded.Spec[m.Image], tests[m.Image], m.Manifest.Digest, ct),
        }));
    }

    /// <summary>--images, else every image of the stack; each must live in a registry.</summary>
    IReadOnlyList<PromotionSource> PromotionSources(string fromTag)
    {
        var names = Images.Length > 0 ? Images : Loaded.Spec.Images.Select(i => i.Name).ToArray();
        var sources = new List<PromotionSource>();
        foreach (var name in names)
        {
            var image = Loaded.Spec[name];
            if (RepositoryHost.Of(image.Repository) is null)
                throw new ArgumentException($"{name}: its repository {image.Repository} names no registry; set `registry:` in {Loaded.Spec.File} or pass --registry HOST.");
            sources.Add(new PromotionSource(name, ImageReference.Parse(ImageTags.Reference(image.Repository, fromTag))));
        }
        return sources;
    }

    /// <summary>The Test target: with --gpu, the GPU tests of pushed images (nothing is built); else it reports the run's test stage.</summary>
    Task TestStageOrGpuTestsAsync()
    {
        if (Gpu) return RunGpuTestsAsync();
        return RunStageAsync(PipelineStage.Test);
    }

    /// <summary>`Test --from-tag TAG --gpu`: the images' gpu_tests on the pushed images, recorded in the ledger.</summary>
    async Task RunGpuTestsAsync()
    {
        if (FromTag is not { Length: > 0 }) throw new ArgumentException("Test --gpu needs --from-tag TAG: the pushed images to test (e.g. --from-tag 2026.3-main).");
        CheckWikiLedger();
        var names = Images.Length > 0 ? Images : Loaded.Spec.Images.Select(i => i.Name).ToArray();
        var discovery = new TestDiscovery(Loaded.Spec);
        if (names.All(n => discovery.GpuFor(n).Count == 0))
        {
            Out.WriteLine("Test --gpu: no image has gpu_tests; nothing to run.");
            return;
        }
        await HoldArtifactsFolderAsync(Stopping);
        using var docker = await DockerEngine.ConnectAsync(Environment.GetEnvironmentVariable("DOCKER_HOST"), Stopping);
        var paths = new ArtifactPaths(ArtifactsFolder);
        var results = await new GpuTestRunner(docker, discovery, Out, TimeProvider.System).RunAsync(Loaded.Spec, names, FromTag,
            PushCredentials(), paths, TimeSpan.FromMinutes(10), Stopping);
        foreach (var r in results) Cascade.Reports.JUnitWriter.Write(ImageFactsCollector.GpuJUnit(paths, r.Image), r.Image + " (gpu)", r.Tests);
        using var access = new RegistryAccess(CredentialsFor);
        var registry = access.Client();
        var images = new List<LedgerImage>();
        foreach (var r in results)
            images.Add(LedgerImage.Of(Loaded.Spec[r.Image], r.Passed ? ImageStatus.Passed : ImageStatus.Failed) with
            {
                Reference = r.Reference, Digest = await registry.ManifestExistsAsync(r.Reference, Stopping),
                Reason = r.Reason, DurationS = r.Duration.TotalSeconds,
            });
        RecordRun(NewEntry(LedgerKinds.GpuTest, images) with { FromTag = FromTag });
        if (results.Any(r => !r.Passed))
            throw new InvalidOperationException("GPU tests failed: " + string.Join("; ", results.Where(r => !r.Passed).Select(r => $"{r.Image}: {r.Reason}")));
    }
}
