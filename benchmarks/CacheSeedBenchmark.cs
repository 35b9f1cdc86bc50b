namespace Cascade.Benchmarks;

internal sealed record CacheSeedOptions
{
    /// <summary>How long app's slow step takes (a `sleep`, then a layer of random bytes).</summary>
    public int SlowStepSeconds { get; init; } = 10;
    public int LayerMegabytes { get; init; } = 20;

    /// <summary>Each side's time is a few seconds on a shared machine: the median of five keeps one slow neighbour out.</summary>
    public int Repetitions { get; init; } = 5;

    /// <summary>Rounds of both sides run first and not counted: the first start of a freshly compiled program reads it from disk.</summary>
    public int Warmups { get; init; } = 1;

    /// <summary>The requirement: Cascade's build of the edited image takes at most this multiple of pull + build --cache-from.</summary>
    public double MaxRatio { get; init; } = 2.0;

    /// <summary>The goal the report names.</summary>
    public double GoalRatio { get; init; } = 1.2;
}

internal sealed record CacheSeedResult(CacheSeedOptions Options, Measurement PullAndBuild, Measurement Cascade, Measurement Uncached)
{
    public BenchmarkTable ToTable() => new(
        "Edited last line on a fresh runner",
        $"A stack root → app pushed from main to a local registry of its own; app has one slow step (`sleep {Options.SlowStepSeconds}` " +
        $"and a {Options.LayerMegabytes} MB layer) and a cheap last line, which a branch then edits. Before each side every image of the " +
        "stack is removed from the daemon (a fresh runner). Baseline: what DataHub's pipeline does — `docker pull` of app's main " +
        "image and `docker build --cache-from` it. Against it: Cascade's `Build` of the branch as a whole process (plan, reading the " +
        "previous build's config from the registry, the cache pull, the build), and the same with `--cache-from none` (what a " +
        $"fresh runner paid before the cache was seeded). {Options.Repetitions} repetition(s), alternating, after {Options.Warmups} " +
        "warm-up round(s) that are not counted.",
        new BenchmarkCase("docker pull + docker build --cache-from", PullAndBuild),
        [
            new BenchmarkCase("Cascade Build, cache seeded from the registry", Cascade, Options.MaxRatio),
            new BenchmarkCase("Cascade Build --cache-from none", Uncached),
        ])
    {
        Notes = [$"Requirement ≤ {Options.MaxRatio:0.0}×, goal ≤ {Options.GoalRatio:0.0}×. The seeded side and the baseline took the slow step from the cache, the unseeded side did not (checked in their output)."],
    };
}

/// <summary>
/// What the layer cache seeded from the registry saves on a fresh runner, against DataHub's pull + build --cache-from of
/// the same image in the same run. Every image either side made is removed, and the registry is thrown away.
/// </summary>
/// <param name="cascadeRoot">Where Cascade is run from (a folder with .nuke/); the stack is given by absolute path.</param>
internal sealed class CacheSeedBenchmark(CascadeCommand cascade, string cascadeRoot, DockerCli docker, TextWriter log, TimeProvider clock)
{
    private const string Prefix = "2026.1";
    private const string StackLabel = "cascade.bench.stack";

    public async Task<CacheSeedResult> RunAsync(CacheSeedOptions options, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Repetitions, 1);
        using var registry = await ScratchRegistry.StartAsync(ct);
        using var repository = new TempRepository("cascade-bench-cache-");
        var owner = $"cascade-bench-{Guid.NewGuid():N}"[..26];
        var stack = new SeedStack(repository, registry.Host, owner, options);
        try
        {
            await PushMainAsync(stack, ct);
            List<TimeSpan> baseline = [], seeded = [], uncached = [];
            for (var i = -options.Warmups; i < options.Repetitions; i++)
            {
                stack.EditLastLine($"edit {i + options.Warmups}");
                // Alternate which goes first, so a neighbour's load falls on all sides alike.
                var sides = new (string Name, Func<Task<TimeSpan>> Run)[]
                {
                    ("pull + build", () => PullAndBuildAsync(stack, ct)),
                    ("Cascade", () => CascadeBuildAsync(stack, seed: true, ct)),
                    ("Cascade, no seeding", () => CascadeBuildAsync(stack, seed: false, ct)),
                };
                var times = new Dictionary<string, TimeSpan>();
                foreach (var (name, run) in i % 2 == 0 ? sides : sides.Reverse())
                {
                    await RemoveLocalAsync(owner, ct);
                    times[name] = await run();
                }
                var round = i < 0 ? "warm-up" : $"run {i + 1}";
                log.WriteLine($"  Cache seed {round}: " + string.Join(", ", times.Select(t => $"{t.Key} {BenchmarkReport.Seconds(t.Value)}")));
                if (i < 0) continue;
                baseline.Add(times["pull + build"]);
                seeded.Add(times["Cascade"]);
                uncached.Add(times["Cascade, no seeding"]);
            }
            return new CacheSeedResult(options, new Measurement(baseline), new Measurement(seeded), new Measurement(uncached));
        }
        finally
        {
            await RemoveLocalAsync(owner, CancellationToken.None);
        }
    }

    /// <summary>main's build of both images, pushed: the previous build the branch's is seeded from. Not timed.</summary>
    private async Task PushMainAsync(SeedStack stack, CancellationToken ct)
    {
        var run = await cascade.RunAsync(["Push", "--stack", stack.Directory, "--all", "--branch", "main", "--artifacts", stack.Artifacts],
            cascadeRoot, clock, ct);
        if (!run.Succeeded) throw BenchmarkException.Failed($"`{cascade} Push --all` of the cache benchmark's stack", run);
        log.WriteLine($"  Pushed root and app to {stack.Registry}");
    }

    /// <summary>The baseline, as DataHub's pipeline runs it: pull the previous image, build with it as the cache.</summary>
    private async Task<TimeSpan> PullAndBuildAsync(SeedStack stack, CancellationToken ct)
    {
        var previous = stack.Reference("app", $"{Prefix}-main");
        var started = clock.GetTimestamp();
        await docker.LinesAsync(["pull", "-q", previous], ct);
        var build = await docker.BuildAsync(stack.AppContext, stack.Reference("app", "baseline"),
            new Dictionary<string, string> { ["BASE_IMAGE"] = stack.Reference("root", $"{Prefix}-main") }, ct, cacheFrom: [previous]);
        var took = clock.GetElapsedTime(started);
        if (!build.Printed("Using cache"))
            throw new BenchmarkException($"`docker build --cache-from {previous}` took no step from the cache:\n{build.OutputTail}");
        return took;
    }

    private async Task<TimeSpan> CascadeBuildAsync(SeedStack stack, bool seed, CancellationToken ct)
    {
        string[] cacheFrom = seed ? [] : ["--cache-from", "none"];
        var run = await cascade.RunAsync(
            ["Build", "--stack", stack.Directory, "--branch", "feature", "--artifacts", stack.Artifacts, .. cacheFrom], cascadeRoot, clock, ct);
        if (!run.Succeeded) throw BenchmarkException.Failed($"`{cascade} Build` of the edited app", run);
        // A run that did not take the slow step from the cache would not be the case measured (nor would a seeded one without it).
        var buildLog = File.ReadAllText(Path.Combine(stack.Artifacts, "app", "build.log"));
        if (seed != buildLog.Contains(" ---> Using cache", StringComparison.Ordinal))
            throw new BenchmarkException($"`{cascade} Build`{(seed ? "" : " --cache-from none")} {(seed ? "took no" : "took a")} step " +
                                         $"from the cache; app's build log:\n{buildLog}");
        return run.WallTime;
    }

    /// <summary>A fresh runner: no image of the stack in the daemon, tagged, pulled by digest or intermediate.</summary>
    private async Task RemoveLocalAsync(string owner, CancellationToken ct)
    {
        // An intermediate image goes only after its children: a few rounds, each removing what has none left.
        for (var round = 0; ; round++)
        {
            var images = (await docker.LinesAsync(["images", "-aq", "--filter", $"label={StackLabel}={owner}"], ct)).Distinct().ToList();
            if (images.Count == 0) return;
            try { await docker.LinesAsync(["rmi", "-f", .. images], ct); }
            catch (BenchmarkException) when (round < 5) { }
        }
    }

    /// <summary>The benchmark's stack: root (FROM scratch + busybox, labelled with the run's owner so every image of it
    /// can be found) and app with its slow step and its last line.</summary>
    private sealed class SeedStack
    {
        private readonly TempRepository _repository;
        private readonly CacheSeedOptions _options;

        public SeedStack(TempRepository repository, string registry, string owner, CacheSeedOptions options)
        {
            _repository = repository;
            _options = options;
            Registry = registry;
            Owner = owner;
            Directory = Path.Combine(repository.Root, "images");
            Artifacts = Path.Combine(repository.Root, "artifacts");
            var root = System.IO.Directory.CreateDirectory(Path.Combine(Directory, "root")).FullName;
            System.IO.Directory.CreateDirectory(AppContext);
            File.WriteAllText(Path.Combine(Directory, "spec.yml"),
                $"registry: {registry}\nowner: {owner}\ntag:\n  prefix: \"{Prefix}\"\nimages:\n  root: {{}}\n  app:\n    depend_on: root\n");
            File.Copy("/bin/busybox", Path.Combine(root, "busybox"));
            File.WriteAllText(Path.Combine(root, "Dockerfile"),
                $"FROM scratch\nLABEL {StackLabel}={owner}\nCOPY busybox /bin/busybox\nRUN [\"/bin/busybox\",\"--install\",\"-s\",\"/bin\"]\n");
            WriteApp("main");
            repository.CommitAll("root and app");
        }

        public string Registry { get; }
        public string Owner { get; }
        public string Directory { get; }
        public string Artifacts { get; }
        public string AppContext => Path.Combine(Directory, "app");

        public string Reference(string image, string tag) => $"{Registry}/{Owner}/{image}:{tag}";

        public void EditLastLine(string text)
        {
            WriteApp(text);
            _repository.CommitAll($"app's last line: {text}");
        }

        private void WriteApp(string lastLine) => File.WriteAllText(Path.Combine(AppContext, "Dockerfile"),
            "ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\n" +
            $"RUN sleep {_options.SlowStepSeconds} && head -c {_options.LayerMegabytes * 1024 * 1024} /dev/urandom > /slow.bin\n" +
            $"RUN echo '{lastLine}' > /last.txt\n");
    }
}
