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

    PipelineStage RequestedStage =>
        ScheduledTargets.Contains(nameof(Push)) ? PipelineStage.Push
        : ScheduledTargets.Contains(nameof(Test)) ? PipelineStage.Test
        : PipelineStage.Build;

    Task RunPipelineAsync() => RunImagesAsync(RequestedStage, (_, _) => Task.FromResult(CurrentPlan.Order));

    /// <summary>Test and Push report what their stage did in the run the Build target made.</summary>
    void ReportStage(PipelineStage stage)
    {
        var images = lastRun?.Images.Where(i => i.Status != ImageStatus.Unchanged).ToList() ?? [];
        var reached = images.Count(i => i.Stage >= stage && i.Status == ImageStatus.Succeeded);
        Out.WriteLine($"{stage}: {reached} of {images.Count} image(s) passed this stage");
        if (stage == PipelineStage.Push && images.Count > 0 && images.All(i => i.Digest is null && i.IsSuccess))
            Out.WriteLine("  Nothing was pushed: no registry is configured. Set `registry:` in spec.yml or pass --registry HOST; " +
                          "the images stay in the local Docker daemon.");
        if (stage == PipelineStage.Push)
            foreach (var pushed in images.Where(i => i.Digest is not null))
                Out.WriteLine($"  {pushed.Reference}@{pushed.Digest}");
    }

    /// <summary>Connects to the engine, lets <paramref name="chooseImages"/> pick the images (it may ask the
    /// engine what exists), runs them over the DAG and fails the target when any image failed.</summary>
    async Task RunImagesAsync(PipelineStage upTo,
        Func<IDockerEngine, CancellationToken, Task<IReadOnlyList<string>>> chooseImages)
    {
        using var stop = new StopSignal();
        using var docker = await DockerEngine.ConnectAsync(Environment.GetEnvironmentVariable("DOCKER_HOST"), stop.Token);
        var names = await chooseImages(docker, stop.Token);
        if (names.Count == 0)
        {
            Out.WriteLine("Nothing to build: no image is affected. Use --images NAME or --all to force.");
            return;
        }
        var result = await RunWithEngineAsync(docker, names, upTo, stop.Token);
        if (!result.Succeeded)
            throw new InvalidOperationException(Failure(result));
    }

    async Task<RunResult> RunWithEngineAsync(IDockerEngine docker, IReadOnlyCollection<string> names, PipelineStage upTo, CancellationToken ct)
    {
        var options = new RunOptions
        {
            Branch = RunBranch,
            Commit = Repository.Commit,
            SourceUrl = Repository.SourceUrl,
            ArtifactsDirectory = Path.GetFullPath(Artifacts, RootDirectory),
            UpTo = upTo,
            Parallelism = Parallelism,
            Continue = IsContinue,
            Credentials = upTo == PipelineStage.Push ? PushCredentials() : null,
            RepositoryRoot = RootDirectory,
        };
        var reporter = RunReporters.Create(AnsiConsole.Console, Out, Environment.GetEnvironmentVariable,
            Console.IsOutputRedirected, TimeProvider.System);
        var result = await new DagScheduler(docker, reporter, TimeProvider.System)
            .RunAsync(new Cascade.Pipeline.RunRequest(Loaded.Spec, Loaded.Graph, names, options), ct);
        lastRun = result;

        var rows = result.ToRows();
        Cascade.Reports.ResultsFile.Write(new ArtifactPaths(options.ArtifactsDirectory).Results, rows);
        if (ResultsFile is not null) Cascade.Reports.ResultsFile.Write(Path.GetFullPath(ResultsFile, RootDirectory), rows);
        if (upTo == PipelineStage.Push && docker is DockerEngine engine)
            await RecordPushAsync(engine, new ArtifactPaths(options.ArtifactsDirectory).Results, ct);
        return result;
    }

    /// <summary>--registry-username/--registry-password (REGISTRY_USERNAME/REGISTRY_PASSWORD), else docker's config.json.</summary>
    RegistryCredentials? PushCredentials()
    {
        var host = Loaded.Spec.Registry ?? Loaded.Spec.Images.Select(i => ImageReference.Parse(i.Repository).Registry).FirstOrDefault();
        if (host is null) return null;
        var configFolder = Environment.GetEnvironmentVariable("DOCKER_CONFIG")
                           ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".docker");
        string? Lookup(string name) => name switch
        {
            CredentialStore.UsernameVariable => RegistryUsername,
            CredentialStore.PasswordVariable => RegistryPassword,
            _ => Environment.GetEnvironmentVariable(name),
        };
        return new CredentialStore(Lookup, Path.Combine(configFolder, "config.json")).Find(host);
    }

    static string Failure(RunResult result)
    {
        if (result.Cancelled) return "Stopped: the run was cancelled; containers it started were removed.";
        var failed = result.Images.Where(i => i.Status == ImageStatus.Failed).Select(i => i.Name).ToList();
        var skipped = result.Images.Count(i => i.Status == ImageStatus.Skipped);
        return $"{failed.Count} image(s) failed ({string.Join(", ", failed)}), {skipped} skipped. " +
               "Logs are under the artifacts folder; --continue redoes only what did not succeed.";
    }
}
