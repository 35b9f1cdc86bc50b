using Cascade.Changes;
using Cascade.Docker;
using Cascade.Pipeline;
using Cascade.Registry;
using Cascade.Reports;
using Spectre.Console;

namespace Cascade;

/// <summary>One pipeline run over a plan, up to the furthest stage asked for, so each image goes build → test →
/// push without waiting for others: for the stage targets (Build.Stages.cs) and the image targets.</summary>
partial class CascadeBuild
{
    RepositoryInfo? repository;

    /// <summary>Branch, commit and source URL, asked of git (or GitHub Actions' variables) once per run.</summary>
    RepositoryInfo Repository => repository ??= RepositoryInfo.Read(StackDirectory, Environment.GetEnvironmentVariable);

    string RunBranch => Branch ?? Repository.Branch;

    /// <summary>Connects to the engine, completes <paramref name="plan"/> with the ancestors whose exact image
    /// (by fingerprint) exists nowhere — built first, and said so — runs it over the DAG and fails the target
    /// when any image failed.</summary>
    /// <param name="retest">Images whose tests run even when the registry records that they passed (an image target's own).</param>
    async Task RunImagesAsync(PipelineStage upTo, BuildPlan plan, Func<string, string>? missingReason = null, IReadOnlySet<string>? retest = null)
    {
        var result = await RunPlanAsync(upTo, plan, missingReason, new RunShape(Retest: retest), Stopping);
        if (result is not null && !result.Succeeded)
            throw new InvalidOperationException(Failure(result, ArtifactsFolder));
    }

    /// <summary>What the stage targets change about a run: the reporter that watches it, the stages --skip took
    /// out, and a check of the images to run before anything starts; what an image target changes: the image
    /// whose tests run whatever the registry records.</summary>
    sealed record RunShape(IRunReporter? Reporter = null, IReadOnlySet<PipelineStage>? Skipped = null,
        Func<IReadOnlyList<string>, CancellationToken, Task>? BeforeRun = null, IReadOnlySet<string>? Retest = null);

    /// <summary>The run of <see cref="RunImagesAsync"/>; null when there was nothing to run.</summary>
    async Task<RunResult?> RunPlanAsync(PipelineStage upTo, BuildPlan plan, Func<string, string>? missingReason, RunShape shape, CancellationToken ct)
    {
        // First: what exists is asked after another run in this folder is done (its images are then reused).
        await HoldArtifactsFolderAsync(ct);
        using var docker = await DockerEngine.ConnectAsync(Environment.GetEnvironmentVariable("DOCKER_HOST"), ct);
        using var access = new RegistryAccess(CredentialsFor);
        var registry = access.Client();
        var lookup = new ImageLookup(docker, registry);
        var planned = OfThisPlatform(plan.Order);
        var missing = await AncestorCheck.MissingAncestors(Loaded.Graph, planned, (name, token) => ExistsAsync(lookup, name, token), ct);
        foreach (var ancestor in missing)
            Out.WriteLine($"{ancestor}: {missingReason?.Invoke(ancestor) ?? "parent image not found: built first"} " +
                          $"({RunFingerprint(ancestor).Tag} is in neither the Docker daemon nor the registry)");
        var names = Loaded.Graph.Order([.. missing, .. planned]);
        if (names.Count == 0)
        {
            Out.WriteLine("Nothing to build: no image is affected. Use --images NAME or --all to force.");
            return null;
        }
        if (shape.BeforeRun is not null) await shape.BeforeRun(names, ct);
        return await RunWithEngineAsync(docker, registry, names, upTo, shape, ct);
    }

    /// <summary>An image exists when its fingerprint tag is in the daemon, or in the registry the stack pushes to.</summary>
    Task<bool> ExistsAsync(ImageLookup lookup, string name, CancellationToken ct)
    {
        var image = Loaded.Spec[name];
        return lookup.ExistsAsync(RunFingerprint(name).ReferenceIn(image.Repository), HasPushRegistry(image), ct);
    }

    bool HasPushRegistry(Cascade.Stacks.ImageSpec image) => RunContext.PushesSomewhere(Loaded.Spec, image);

    async Task<RunResult> RunWithEngineAsync(IDockerEngine docker, RegistryClient registry, IReadOnlyCollection<string> names,
        PipelineStage upTo, RunShape shape, CancellationToken ct)
    {
        var artifacts = ArtifactsFolder;
        var paths = new ArtifactPaths(artifacts);
        paths.Claim(Loaded.Spec.File);
        var options = new RunOptions
        {
            Branch = RunBranch,
            Commit = Repository.Commit,
            SourceUrl = Repository.SourceUrl,
            SourceDate = Repository.SourceDate,
            ArtifactsDirectory = artifacts,
            UpTo = upTo,
            Skipped = shape.Skipped ?? new HashSet<PipelineStage>(),
            Parallelism = Parallelism,
            Continue = IsContinue,
            NoReuse = NoReuse,
            FingerprintTagsOnly = FingerprintTagsOnly,
            Refresh = RefreshBases,
            LoginFor = CredentialsFor,
            PreviousDurations = Cascade.Reports.ResultsFile.ReadBuildDurations(paths.Results),
            // A Test run may pull an image found only in the registry, to test it.
            Credentials = upTo >= PipelineStage.Test ? PushCredentials() : null,
            RepositoryRoot = RootDirectory,
            Pytest = Pytest,
            Platform = RunPlatform,
            Retest = shape.Retest ?? new HashSet<string>(),
            ExternalBaseDigests = ExternalBaseDigests(),
            LayerCache = await LayerCacheAsync(docker, shape.Skipped ?? new HashSet<PipelineStage>(), ct),
        };
        await CheckTestsCanRunAsync(names, options, ct);
        var reporter = shape.Reporter ?? CreateReporter();
        var request = new Cascade.Pipeline.RunRequest(Loaded.Spec, Loaded.Graph, names, options)
        {
            Fingerprints = Fingerprints, TestFingerprints = TestFingerprints,
        };
        var result = await new DagScheduler(docker, reporter, TimeProvider.System, registry).RunAsync(request, ct);
        WriteTestReports(result, options);

        var rows = result.ToRows();
        Cascade.Reports.ResultsFile.Write(paths.Results, rows);
        if (ResultsFile is not null) Cascade.Reports.ResultsFile.Write(Path.GetFullPath(ResultsFile, RootDirectory), rows);
        // A --platform run publishes no shared tag (PushIndex does, once every platform is in, and records it);
        // a --fingerprint-tags-only run publishes nothing a user pulls by name: neither is history.
        if (upTo == PipelineStage.Push && RunPlatform is null && !FingerprintTagsOnly)
            await RecordPushRunAsync(docker, result, ct);
        return result;
    }

    IRunReporter CreateReporter() => RunReporters.Create(ProgressConsole, Out, plain: !IsLocalBuild || Console.IsErrorRedirected,
        TimeProvider.System, Cascade.Reports.ResultsFile.Table);

    /// <summary>The push registry's login: --registry-username/--registry-password (REGISTRY_USERNAME/REGISTRY_PASSWORD),
    /// else docker's config.json.</summary>
    RegistryCredentials? PushCredentials() => Logins.ForPush();

    string? PushRegistryHost =>
        Loaded.Spec.Registry ?? Loaded.Spec.Images.Select(i => ImageReference.Parse(i.Repository).Registry).FirstOrDefault();

    /// <summary>The login for any registry host (the push registry, or an external base's).</summary>
    RegistryCredentials? CredentialsFor(string host) => Logins.For(host);

    RegistryLogins Logins => new(PushRegistryHost, RegistryUsername, RegistryPassword, Environment.GetEnvironmentVariable);

    static string Failure(RunResult result, string artifacts)
    {
        if (result.Cancelled) return "Stopped: the run was cancelled; containers it started were removed.";
        var failed = result.Images.Where(i => i.Status == ImageStatus.Failed).Select(i => i.Name).ToList();
        var skipped = result.Images.Count(i => i.Status == ImageStatus.Skipped);
        return $"{failed.Count} image(s) failed ({string.Join(", ", failed)}), {skipped} skipped. " + WhatNext(artifacts);
    }

    static string WhatNext(string artifacts) =>
        $"Logs are under the artifacts folder {artifacts}; --continue redoes only what did not succeed.";
}
