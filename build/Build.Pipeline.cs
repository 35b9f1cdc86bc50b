using Cascade.Changes;
using Cascade.Docker;
using Cascade.Pipeline;
using Cascade.Registry;
using Cascade.Reports;
using Spectre.Console;

/// <summary>The Build, Test and Push targets' work: one pipeline run over the plan, up to the furthest
/// stage any scheduled target asks for, so each image goes build → test → push without waiting for others.</summary>
partial class CascadeBuild
{
    RunResult? lastRun;
    RepositoryInfo? repository;

    /// <summary>Branch, commit and source URL, asked of git (or GitHub Actions' variables) once per run.</summary>
    RepositoryInfo Repository => repository ??= RepositoryInfo.Read(StackDirectory, Environment.GetEnvironmentVariable);

    string RunBranch => Branch ?? Repository.Branch;

    string ArtifactsFolder => Path.GetFullPath(Artifacts, RootDirectory);

    PipelineStage RequestedStage =>
        ScheduledTargets.Contains(nameof(Push)) ? PipelineStage.Push
        : ScheduledTargets.Contains(nameof(Test)) ? PipelineStage.Test
        : PipelineStage.Build;

    Task RunPipelineAsync() => RunImagesAsync(RequestedStage, CurrentPlan);

    /// <summary>Test and Push report what their stage did in the run the Build target made.</summary>
    void ReportStage(PipelineStage stage)
    {
        var images = lastRun?.Images.Where(i => i.Status != ImageStatus.Unchanged).ToList() ?? [];
        var reached = images.Count(i => i.Stage >= stage && i.IsAvailable);
        Out.WriteLine($"{stage}: {reached} of {images.Count} image(s) passed this stage");
        if (stage == PipelineStage.Push && images.Count > 0 && images.All(i => i.Digest is null && i.IsSuccess))
            Out.WriteLine("  Nothing was pushed: no registry is configured. Set `registry:` in spec.yml or pass --registry HOST; " +
                          "the images stay in the local Docker daemon.");
        if (stage == PipelineStage.Push)
            foreach (var pushed in images.Where(i => i.Digest is not null))
                Out.WriteLine($"  {pushed.Reference}@{pushed.Digest}");
    }

    /// <summary>Connects to the engine, completes <paramref name="plan"/> with the ancestors whose exact image
    /// (by fingerprint) exists nowhere — built first, and said so — runs it over the DAG and fails the target
    /// when any image failed.</summary>
    async Task RunImagesAsync(PipelineStage upTo, BuildPlan plan, Func<string, string>? missingReason = null)
    {
        using var stop = new StopSignal();
        using var docker = await DockerEngine.ConnectAsync(Environment.GetEnvironmentVariable("DOCKER_HOST"), stop.Token);
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
        var registry = new RegistryClient(http, CredentialsFor);
        var lookup = new ImageLookup(docker, registry);
        var missing = await AncestorCheck.MissingAncestors(Loaded.Graph, plan.Order, (name, ct) => ExistsAsync(lookup, name, ct), stop.Token);
        foreach (var ancestor in missing)
            Out.WriteLine($"{ancestor}: {missingReason?.Invoke(ancestor) ?? "parent image not found: built first"} " +
                          $"({Fingerprints[ancestor].Tag} is in neither the Docker daemon nor the registry)");
        var names = Loaded.Graph.Order([.. missing, .. plan.Order]);
        if (names.Count == 0)
        {
            Out.WriteLine("Nothing to build: no image is affected. Use --images NAME or --all to force.");
            return;
        }
        var result = await RunWithEngineAsync(docker, registry, names, upTo, stop.Token);
        if (!result.Succeeded)
            throw new InvalidOperationException(Failure(result, ArtifactsFolder));
    }

    /// <summary>An image exists when its fingerprint tag is in the daemon, or in the registry the stack pushes to.</summary>
    async Task<bool> ExistsAsync(ImageLookup lookup, string name, CancellationToken ct)
    {
        var image = Loaded.Spec[name];
        var reference = Cascade.Stacks.ImageTags.Reference(image.Repository, Fingerprints[name].Tag);
        if (await lookup.FindLocalAsync(reference, ct) is not null) return true;
        return HasPushRegistry(image) && await lookup.FindInRegistryAsync(reference, ct) is not null;
    }

    bool HasPushRegistry(Cascade.Stacks.ImageSpec image) =>
        Loaded.Spec.Registry is { Length: > 0 } || Cascade.Stacks.RepositoryHost.Of(image.Repository) is not null;

    async Task<RunResult> RunWithEngineAsync(IDockerEngine docker, RegistryClient registry, IReadOnlyCollection<string> names,
        PipelineStage upTo, CancellationToken ct)
    {
        var artifacts = ArtifactsFolder;
        var paths = new ArtifactPaths(artifacts);
        var options = new RunOptions
        {
            Branch = RunBranch,
            Commit = Repository.Commit,
            SourceUrl = Repository.SourceUrl,
            SourceDate = Repository.SourceDate,
            ArtifactsDirectory = artifacts,
            UpTo = upTo,
            Parallelism = Parallelism,
            Continue = IsContinue,
            NoReuse = NoReuse,
            PreviousDurations = Cascade.Reports.ResultsFile.ReadBuildDurations(paths.Results),
            Credentials = upTo == PipelineStage.Push ? PushCredentials() : null,
            RepositoryRoot = RootDirectory,
            Pytest = Pytest,
        };
        await CheckTestsCanRunAsync(names, options, ct);
        var reporter = RunReporters.Create(ProgressConsole, Out, plain: !IsLocalBuild || Console.IsErrorRedirected, TimeProvider.System,
            Cascade.Reports.ResultsFile.Table);
        var request = new Cascade.Pipeline.RunRequest(Loaded.Spec, Loaded.Graph, names, options) { Fingerprints = Fingerprints };
        var result = await new DagScheduler(docker, reporter, TimeProvider.System, registry).RunAsync(request, ct);
        lastRun = result;
        WriteTestReports(result, options);

        var rows = result.ToRows();
        Cascade.Reports.ResultsFile.Write(paths.Results, rows);
        if (ResultsFile is not null) Cascade.Reports.ResultsFile.Write(Path.GetFullPath(ResultsFile, RootDirectory), rows);
        if (upTo == PipelineStage.Push && docker is DockerEngine engine)
            await RecordPushAsync(engine, new ArtifactPaths(options.ArtifactsDirectory).Results, ct);
        return result;
    }

    /// <summary>The push registry's login: --registry-username/--registry-password (REGISTRY_USERNAME/REGISTRY_PASSWORD),
    /// else docker's config.json.</summary>
    RegistryCredentials? PushCredentials() => PushRegistryHost is { } host ? CredentialsFor(host) : null;

    string? PushRegistryHost =>
        Loaded.Spec.Registry ?? Loaded.Spec.Images.Select(i => ImageReference.Parse(i.Repository).Registry).FirstOrDefault();

    /// <summary>The login for any registry host (the push registry, or an external base's): the parameters
    /// apply to the push registry; docker's config.json to every host it names.</summary>
    RegistryCredentials? CredentialsFor(string host)
    {
        var isPushHost = string.Equals(host, PushRegistryHost, StringComparison.OrdinalIgnoreCase);
        string? Lookup(string name) => name switch
        {
            CredentialStore.UsernameVariable => isPushHost ? RegistryUsername : null,
            CredentialStore.PasswordVariable => isPushHost ? RegistryPassword : null,
            _ => Environment.GetEnvironmentVariable(name),
        };
        return CredentialStore.FromEnvironment(Lookup).Find(host);
    }

    static string Failure(RunResult result, string artifacts)
    {
        if (result.Cancelled) return "Stopped: the run was cancelled; containers it started were removed.";
        var failed = result.Images.Where(i => i.Status == ImageStatus.Failed).Select(i => i.Name).ToList();
        var skipped = result.Images.Count(i => i.Status == ImageStatus.Skipped);
        return $"{failed.Count} image(s) failed ({string.Join(", ", failed)}), {skipped} skipped. " +
               $"Logs are under the artifacts folder {artifacts}; --continue redoes only what did not succeed.";
    }
}
