using Cascade.Changes;
using Cascade.Changes.Fingerprints;
using Cascade.Pipeline;
using Cascade.Registry;
using Cascade.Stacks;

namespace Cascade.Publishing;

/// <summary>The Promote target: re-tags --from-tag as --to-tag registry-side (no layer moves), all or nothing, only for
/// images whose digest passed its current tests (<see cref="PromotionGate"/>); --dry-run prints what would move. What
/// moves goes to stdout, for scripts; the rest to the log.</summary>
sealed class PromotionCommand(StackPlanning planning, LedgerRecorder ledger, Lazy<RepositoryInfo> repository, RegistryLogins logins,
    ArtifactsFolderLock folderLock, string rootDirectory, TextWriter output, TextWriter log)
{
    public async Task PromoteAsync(PromotionRequest request, CancellationToken ct)
    {
        if (request.FromTag is not { Length: > 0 } fromTag) throw new ArgumentException("Promote needs --from-tag TAG (e.g. --from-tag 2026.3-main).");
        if (request.ToTags.Count == 0) throw new ArgumentException("Promote needs --to-tag TAG [TAG...] (e.g. --to-tag 2026.3-stable stable).");
        var sources = Sources(request.Images, fromTag);
        // A dry run writes nothing; a promotion appends to the ledger, after any other run in the folder did.
        if (!request.DryRun) await folderLock.HoldAsync(ct);
        // While the registry answers: the ledger (the gate reads it) and git (the entry names commit and branch).
        var ledgerRead = Background.Run(ledger.Load);
        var repositoryRead = Background.Run(() => repository.Value);
        // And what each image's tests check now: the gate asks whether the digest passed exactly those.
        var testsRead = Background.Run(() => TestFingerprinter.Compute(planning.Spec, rootDirectory));
        using var access = new RegistryAccess(logins.For);
        var registry = access.Client();
        var promoter = new Promoter(registry, output);
        var plan = await promoter.PlanAsync(sources, request.ToTags, ct);
        var read = await ledgerRead;
        var tests = await testsRead;
        var refusals = PromotionGate.Refusals(read, await GateQuestionsAsync(plan, tests, new TestRecords(registry), ct));
        if (refusals.Count > 0)
            throw new PromotionException("Nothing was promoted: only tested images may be promoted.\n  " + string.Join("\n  ", refusals));

        output.WriteLine(request.DryRun ? "Promote --dry-run: would move (nothing is written):" : "Promote:");
        if (request.DryRun) foreach (var move in plan.Moves) output.WriteLine($"  {move.Image}: {move.Describe()}");
        else await promoter.ApplyAsync(plan, ct);
        if (planning.Spec.Ci.Sign || planning.Spec.Ci.Sbom) await new PromotedSignatures(registry, log).ReportAsync(plan, ct);
        if (request.DryRun) return;
        await repositoryRead;
        Record(request, fromTag, plan, read, tests);
    }

    void Record(PromotionRequest request, string fromTag, PromotionPlan plan, Ledger read, IReadOnlyDictionary<string, TestFingerprint> tests)
    {
        // The row names the commit the images were built from, which the ledger knows; the checkout's HEAD may be any
        // later commit (or another branch).
        var builtFrom = read.BuiltFrom(plan.Moves.Select(m => (m.Image, m.Manifest.Digest)));
        if (builtFrom is null) log.WriteLine($"Promote: {ledger.Settings.LedgerPath} records no push of these images: the promotion's history row names no commit.");
        ledger.RecordRun(ledger.NewEntry(LedgerKinds.Promote, plan.Moves.Select(m => LedgerImage.Of(planning.Spec[m.Image], ImageStatus.Promoted) with
        {
            Reference = m.Source.ToString(), Digest = m.Manifest.Digest,
            Fingerprint = read.FingerprintOf(m.Image, m.Manifest.Digest), TestFingerprint = tests[m.Image].Value, Tags = request.ToTags,
        }).ToList()) with
        {
            FromTag = fromTag, ToTags = request.ToTags, Commit = builtFrom?.Commit, SourceUrl = builtFrom?.SourceUrl ?? repository.Value.SourceUrl,
        }, read);
        log.WriteLine($"Promoted {plan.Moves.Count} image(s) from {fromTag} to {string.Join(", ", request.ToTags)}.");
    }

    /// <summary>For each image to move: does it need GPU tests, and has the digest passed its current tests (the
    /// registry's record, asked for every image at once)?</summary>
    async Task<IReadOnlyList<GateQuestion>> GateQuestionsAsync(PromotionPlan plan,
        IReadOnlyDictionary<string, TestFingerprint> tests, TestRecords records, CancellationToken ct)
    {
        var discovery = new TestDiscovery(planning.Spec);
        return await Task.WhenAll(plan.Moves.Select(async m => new GateQuestion(m.Image, m.Manifest.Digest, discovery.GpuFor(m.Image).Count > 0)
        {
            Tests = tests[m.Image],
            TestsPassedInRegistry = await records.PassedAsync(planning.Spec[m.Image], tests[m.Image], m.Manifest.Digest, ct),
        }));
    }

    /// <summary>--images, else every image of the stack; each must live in a registry.</summary>
    IReadOnlyList<PromotionSource> Sources(IReadOnlyList<string> images, string fromTag)
    {
        var spec = planning.Spec;
        var names = images.Count > 0 ? images : spec.Images.Select(i => i.Name).ToArray();
        var sources = new List<PromotionSource>();
        foreach (var name in names)
        {
            var image = spec[name];
            if (RepositoryHost.Of(image.Repository) is null)
                throw new ArgumentException($"{name}: its repository {image.Repository} names no registry; set `registry:` in {spec.File} or pass --registry HOST.");
            sources.Add(new PromotionSource(name, ImageReference.Parse(ImageTags.Reference(image.Repository, fromTag))));
        }
        return sources;
    }
}
