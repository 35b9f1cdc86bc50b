using Cascade.Changes;
using Cascade.Changes.Fingerprints;
using Cascade.Docker;
using Cascade.Registry;

namespace Cascade.Pipeline;

/// <summary>One pipeline run over a plan, up to the furthest stage asked for, so each image goes build → test → push
/// without waiting for others: for the stage targets (<see cref="StageTargets"/>) and the image targets. It takes the
/// artifacts folder, connects to the engine, completes the plan with the ancestors whose exact image (by fingerprint)
/// exists nowhere — built first, and said so — and runs it over the DAG.</summary>
sealed class StackRun(StackRunSettings settings, StackPlanning planning, Lazy<RepositoryInfo> repository, RegistryLogins logins,
    ArtifactsFolderLock folderLock, RunOutputs outputs, TextWriter log)
{
    public StackRunSettings Settings => settings;

    public StackPlanning Planning => planning;

    /// <summary>The reporter that draws a run's progress and its closing table.</summary>
    public IRunReporter CreateReporter() => outputs.CreateReporter();

    /// <summary>What running an image target does: `./build.sh scipy-ml-notebook` builds (or reuses) and tests that image
    /// — its tests run whatever the registry records, since its user asked for it tested — and first those of its
    /// ancestors whose exact image is in neither the daemon nor the registry: a child must not wait an hour for a root
    /// that already exists.</summary>
    public async Task RunImageTargetAsync(string name, CancellationToken ct)
    {
        var shape = new RunShape(Retest: new HashSet<string>(StringComparer.Ordinal) { name },
            MissingReason: _ => $"ancestor of {name}, not found: built first");
        var result = await RunAsync(PipelineStage.Test, planning.ImagePlan(name), shape, ct);
        if (result is not null && !result.Succeeded)
            throw new InvalidOperationException(Failure(result));
    }

    /// <summary>The run; null when there was nothing to run.</summary>
    public async Task<RunResult?> RunAsync(PipelineStage upTo, BuildPlan plan, RunShape shape, CancellationToken ct)
    {
        // First: what exists is asked after another run in this folder is done (its images are then reused).
        await folderLock.HoldAsync(ct);
        using var docker = await DockerEngine.ConnectAsync(Environment.GetEnvironmentVariable("DOCKER_HOST"), ct);
        using var access = new RegistryAccess(logins.For);
        var registry = access.Client();
        var names = await ImagesToRunAsync(new ImageLookup(docker, registry), plan, shape, ct);
        if (names.Count == 0)
        {
            log.WriteLine("Nothing to build: no image is affected. Use --images NAME or --all to force.");
            return null;
        }
        if (shape.BeforeRun is not null) await shape.BeforeRun(names, ct);
        return await RunWithEngineAsync(docker, registry, names, upTo, shape, ct);
    }

    async Task<IReadOnlyList<string>> ImagesToRunAsync(ImageLookup lookup, BuildPlan plan, RunShape shape, CancellationToken ct)
    {
        var planned = OfThisPlatform(plan.Order);
        var missing = await AncestorCheck.MissingAncestors(planning.Graph, planned, (name, token) => ExistsAsync(lookup, name, token), ct);
        foreach (var ancestor in missing)
            log.WriteLine($"{ancestor}: {shape.MissingReason?.Invoke(ancestor) ?? "parent image not found: built first"} " +
                          $"({FingerprintOf(ancestor).Tag} is in neither the Docker daemon nor the registry)");
        return planning.Graph.Order([.. missing, .. planned]);
    }

    /// <summary>An image exists when its fingerprint tag is in the daemon, or in the registry the stack pushes to.</summary>
    Task<bool> ExistsAsync(ImageLookup lookup, string name, CancellationToken ct)
    {
        var image = planning.Spec[name];
        return lookup.ExistsAsync(FingerprintOf(name).ReferenceIn(image.Repository), RunContext.PushesSomewhere(planning.Spec, image), ct);
    }

    /// <summary>The fingerprint this run looks for: the image's of --platform when it is built for it, else the whole image's.</summary>
    public ImageFingerprint FingerprintOf(string name) => RunContext.FingerprintOf(planning.Spec[name], planning.Fingerprints, settings.Platform);

    /// <summary>With --platform, the images built for it (their parents are too: the spec checks that); the others
    /// are left out, and said so.</summary>
    IReadOnlyList<string> OfThisPlatform(IReadOnlyList<string> names)
    {
        if (settings.Platform is not { } platform) return names;
        var kept = new List<string>(names.Count);
        foreach (var name in names)
        {
            var image = planning.Spec[name];
            if (image.Platforms.Contains(platform)) kept.Add(name);
            else
                log.WriteLine($"{name}: left out: not built for {platform} (--platform) — " + (image.Platforms.Count == 0
                    ? "it has no platforms: a run without --platform builds it"
                    : $"its platforms are {string.Join(", ", image.Platforms)}"));
        }
        return kept;
    }

    async Task<RunResult> RunWithEngineAsync(DockerEngine docker, RegistryClient registry, IReadOnlyCollection<string> names,
        PipelineStage upTo, RunShape shape, CancellationToken ct)
    {
        var paths = new ArtifactPaths(settings.ArtifactsFolder);
        paths.Claim(planning.Spec.File);
        var options = Options(upTo, shape, paths) with
        {
            LayerCache = await LayerCacheAsync(docker, shape.Skipped ?? new HashSet<PipelineStage>(), ct),
        };
        await CheckTestsCanRunAsync(names, options, ct);
        var request = new RunRequest(planning.Spec, planning.Graph, names, options)
        {
            Fingerprints = planning.Fingerprints, TestFingerprints = planning.TestFingerprints,
        };
        var reporter = shape.Reporter ?? CreateReporter();
        var result = await new DagScheduler(docker, reporter, TimeProvider.System, registry).RunAsync(request, ct);
        await outputs.KeepAsync(docker, result, options, ct);
        return result;
    }

    RunOptions Options(PipelineStage upTo, RunShape shape, ArtifactPaths paths) => new()
    {
        Branch = repository.Value.Branch,
        Commit = repository.Value.Commit,
        SourceUrl = repository.Value.SourceUrl,
        SourceDate = repository.Value.SourceDate,
        ArtifactsDirectory = settings.ArtifactsFolder,
        UpTo = upTo,
        Skipped = shape.Skipped ?? new HashSet<PipelineStage>(),
        Parallelism = settings.Parallelism,
        Continue = settings.Continue,
        NoReuse = settings.NoReuse,
        FingerprintTagsOnly = settings.FingerprintTagsOnly,
        Refresh = settings.Refresh,
        LoginFor = logins.For,
        // A Test run may pull an image found only in the registry, to test it.
        Credentials = upTo >= PipelineStage.Test ? logins.ForPush() : null,
        RepositoryRoot = settings.RootDirectory,
        Pytest = settings.Pytest,
        Platform = settings.Platform,
        Retest = shape.Retest ?? new HashSet<string>(),
        ExternalBaseDigests = planning.BaseDigests(),
    };

    /// <summary>The run's layer-cache seeding; null when it does not seed: --cache-from none, --refresh (which takes no
    /// step from a cache), Build skipped, or, with auto, a daemon that holds an image of the stack (whose own cache a
    /// cache source would only narrow).</summary>
    async Task<LayerCacheOptions?> LayerCacheAsync(IDockerEngine docker, IReadOnlySet<PipelineStage> skipped, CancellationToken ct)
    {
        var setting = CacheFromSetting.Parse(settings.CacheFrom, out _) ?? CacheFromSetting.Auto;
        if (setting.Mode == CacheFromMode.None || settings.Refresh || skipped.Contains(PipelineStage.Build)) return null;
        var spec = planning.Spec;
        if (setting.Mode == CacheFromMode.Auto)
        {
            if (await docker.HoldsAnyImageOfAsync(spec.Images.Select(i => i.Repository).ToList(), ct)) return null;
            log.WriteLine("Layer cache: the Docker daemon holds no image of this stack (a fresh runner), so each image built is " +
                          "first seeded with its previous build from the registry (--cache-from none turns this off).");
        }
        var sources = setting.Mode == CacheFromMode.Sources ? setting.Sources : spec.Ci.CacheFrom;
        return new LayerCacheOptions(sources, spec.Ci.DefaultBranch);
    }

    /// <summary>Before anything builds: a run that tests fails now, naming what to install, when pytest, a module its
    /// conftest imports or an integration_tests command is missing on this host.</summary>
    async Task CheckTestsCanRunAsync(IReadOnlyCollection<string> images, RunOptions options, CancellationToken ct)
    {
        if (options.UpTo < PipelineStage.Test) return;
        var report = await new TestPreflight(new HostCommandRunner()).CheckAsync(planning.Spec, images, options, ct);
        foreach (var warning in report.Warnings) log.WriteLine("warning: " + warning);
        if (report.Errors.Count > 0)
            throw new InvalidOperationException("the tests cannot run on this host; nothing was built:\n" +
                                                string.Join("\n", report.Errors.Select(e => "  " + e)));
    }

    string Failure(RunResult result)
    {
        if (result.Cancelled) return "Stopped: the run was cancelled; containers it started were removed.";
        var failed = result.Images.Where(i => i.Status == ImageStatus.Failed).Select(i => i.Name).ToList();
        var skipped = result.Images.Count(i => i.Status == ImageStatus.Skipped);
        return $"{failed.Count} image(s) failed ({string.Join(", ", failed)}), {skipped} skipped. " + WhatNext();
    }

    /// <summary>Where to look, and how to go on, after a failure.</summary>
    public string WhatNext() =>
        $"Logs are under the artifacts folder {settings.ArtifactsFolder}; --continue redoes only what did not succeed.";
}

/// <summary>What the stage targets change about a run: the reporter that watches it, the stages --skip took out, and a
/// check of the images to run before anything starts; what an image target changes: the image whose tests run
/// whatever the registry records, and why its missing ancestors are built first.</summary>
sealed record RunShape(IRunReporter? Reporter = null, IReadOnlySet<PipelineStage>? Skipped = null,
    Func<IReadOnlyList<string>, CancellationToken, Task>? BeforeRun = null, IReadOnlySet<string>? Retest = null,
    Func<string, string>? MissingReason = null);
