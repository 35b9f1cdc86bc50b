using Cascade.Stacks;
using Cascade.Workflows;

namespace Cascade.Benchmarks;

/// <summary>Where one image job's time goes, part by part.</summary>
/// <param name="Setup">Runner start, checkout, .NET set-up, the test tools, the registry login.</param>
/// <param name="Program">Starting Cascade: its program restored from the plan job's cache (or compiled, where a job compiles).</param>
/// <param name="Parents">Pulling the image's parents (and a root's external base) from the registry.</param>
/// <param name="Cache">Pulling the image's previous build to seed its layer cache.</param>
/// <param name="Work">The image's own build and tests.</param>
/// <param name="Push">Pushing the layers the registry does not have yet.</param>
internal sealed record JobParts(TimeSpan Setup, TimeSpan Program, TimeSpan Parents, TimeSpan Cache, TimeSpan Work, TimeSpan Push)
{
    public TimeSpan Total => Setup + Program + Parents + Cache + Work + Push;
}

/// <summary>What a simulated run costs: each image's own work, and what every job pays around it.</summary>
/// <param name="ImageDurations">Each image's own build and tests in this run.</param>
/// <param name="JobOverhead">What every job pays before its work: runner start, checkout, .NET set-up.</param>
/// <param name="Plan">The plan job's whole duration (with the compile of Cascade, or its restore from the cache).</param>
/// <param name="RunnerLimit">Jobs GitHub runs at once (20 on the Free plan); null: as many as are ready.</param>
internal sealed record SimulationCosts(IReadOnlyDictionary<string, TimeSpan> ImageDurations, TimeSpan JobOverhead, TimeSpan Plan, int? RunnerLimit = null)
{
    /// <summary>The images the run builds; the others' jobs are skipped (they take no time). Null: every image.</summary>
    public IReadOnlySet<string>? Affected { get; init; }

    /// <summary>What an image job pays to start Cascade (the program the plan job compiled, restored from the cache).</summary>
    public TimeSpan Program { get; init; }

    /// <summary>Per image: pulling its parents (absent: nothing to pull).</summary>
    public IReadOnlyDictionary<string, TimeSpan> ParentPulls { get; init; } = new Dictionary<string, TimeSpan>();

    /// <summary>Per image: pulling its previous build as its layer cache (absent: not seeded).</summary>
    public IReadOnlyDictionary<string, TimeSpan> CachePulls { get; init; } = new Dictionary<string, TimeSpan>();

    /// <summary>Per image: pushing its new layers (absent: nothing pushed).</summary>
    public IReadOnlyDictionary<string, TimeSpan> Pushes { get; init; } = new Dictionary<string, TimeSpan>();

    public bool IsAffected(string image) => Affected?.Contains(image) ?? true;

    /// <summary>Where the time of <paramref name="image"/>'s job goes (one platform's job, for an image with platforms).</summary>
    public JobParts ImageJob(string image) => new(JobOverhead, Program,
        ParentPulls.GetValueOrDefault(image), CachePulls.GetValueOrDefault(image), ImageDurations[image], Pushes.GetValueOrDefault(image));

    /// <summary>Images with platforms, and how many: each platform's job takes the overhead and the image's time (on a
    /// runner of that platform, so all at once), then the image's merge job takes <see cref="IndexJob"/>.</summary>
    public IReadOnlyDictionary<string, int> PlatformCounts { get; init; } = new Dictionary<string, int>();

    /// <summary>A merge job: runner start, checkout, .NET set-up and PushIndex (no layer moves).</summary>
    public TimeSpan IndexJob { get; init; }

    public static IReadOnlyDictionary<string, int> PlatformCountsOf(StackSpec spec) =>
        spec.Images.Where(i => i.Platforms.Count > 0).ToDictionary(i => i.Name, i => i.Platforms.Count);

    /// <summary>What the image's merge job adds after its platform jobs: nothing for an image without platforms.</summary>
    public TimeSpan IndexJobOf(string image) => PlatformCounts.ContainsKey(image) ? IndexJob : TimeSpan.Zero;

    /// <summary>The image's job and its merge job; nothing for an image the run does not build.</summary>
    public TimeSpan ImagePath(string image) => IsAffected(image) ? ImageJob(image).Total + IndexJobOf(image) : TimeSpan.Zero;
}

/// <summary>
/// Runs a generated build-test-push workflow the way GitHub schedules it, in simulated time: a job starts
/// when every job it `needs` has finished (and a runner is free), a matrix job's legs all start together and
/// it finishes with its last leg. It reads the jobs and needs of the <see cref="Workflow"/> the generator
/// wrote, so it measures that workflow, not a model of the graph. Every image is affected (a full rebuild).
/// </summary>
internal static class WorkflowSimulation
{
    public static TimeSpan Makespan(Workflow workflow, StackGraph graph, SimulationCosts costs)
    {
        var slices = MatrixSlices.Of(graph).ToDictionary(s => s.JobId);
        var legs = workflow.Jobs.ToDictionary(j => j.Key, j => Legs(j.Key, j.Value, slices, costs));
        var needs = workflow.Jobs.ToDictionary(j => j.Key, j => (IReadOnlyList<string>)(j.Value.Needs ?? []));
        return Schedule(workflow.Jobs.Keys.ToList(), needs, legs, costs.RunnerLimit ?? int.MaxValue);
    }

    /// <summary>The longest chain of jobs any one-runner-per-image schedule must wait for: the plan job,
    /// then each image on the path with its overhead. No schedule of these jobs can finish sooner.</summary>
    public static TimeSpan CriticalPath(StackGraph graph, SimulationCosts costs)
    {
        var finish = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        foreach (var image in graph.TopologicalOrder)
            finish[image] = graph.Parents(image).Select(p => finish[p]).DefaultIfEmpty(costs.Plan).Max() + costs.ImagePath(image);
        return finish.Values.Max();
    }

    /// <summary>DataHub's way without a cache: one job on one runner builds every image, one after another (each platform
    /// in turn) and pushes it; it pulls only the roots' external bases (the parents are built on the same runner).</summary>
    public static TimeSpan SingleSequentialJob(StackGraph graph, SimulationCosts costs) =>
        costs.JobOverhead + graph.Images.Where(costs.IsAffected).Aggregate(TimeSpan.Zero,
            (sum, i) => sum + (costs.ImageDurations[i] + costs.Pushes.GetValueOrDefault(i)) * Math.Max(1, costs.PlatformCounts.GetValueOrDefault(i))
                        + (graph.Parents(i).Any() ? TimeSpan.Zero : costs.ParentPulls.GetValueOrDefault(i)));

    private static IReadOnlyList<TimeSpan> Legs(string id, Job job, Dictionary<string, MatrixSlice> slices, SimulationCosts costs)
    {
        if (id == PlanJob.Id) return [costs.Plan];
        // The wiki job records the run once every image is done: the same bookkeeping after any layout, not
        // part of what the layouts are compared on (its legs are none, so it finishes when it is released).
        if (id == WikiJob.Id) return [];
        // The reused job runs only on the daily schedule, for the images its plan left out; the simulated events
        // (pushes, pull requests) skip it.
        if (id == ReusedJob.Id) return [];
        // The diff job reports on a pull request once the images are pushed: bookkeeping like the wiki job's.
        if (id == DiffJob.Id) return [];
        if (slices.TryGetValue(id, out var slice) && job.Strategy is not null)
            return slice.Images.Where(costs.IsAffected).Select(i => costs.ImageJob(i).Total).ToList();
        var image = job.With?["image"] as string ?? throw new InvalidOperationException($"job {id} names no image");
        // A job of an image the run does not build is skipped by its `if:`: it finishes as soon as it is released.
        if (!costs.IsAffected(image)) return [];
        if (job.Uses?.EndsWith(IndexWorkflow.FileName, StringComparison.Ordinal) == true) return [costs.IndexJob];
        return [costs.ImageJob(image).Total];
    }

    // An event loop over simulated time: ready legs queue in the order they became ready (GitHub's queue is
    // first come, first served) and take a runner when one is free.
    private static TimeSpan Schedule(IReadOnlyList<string> order, Dictionary<string, IReadOnlyList<string>> needs,
        Dictionary<string, IReadOnlyList<TimeSpan>> legs, int runners)
    {
        var finished = new Dictionary<string, TimeSpan>();
        var legsLeft = legs.ToDictionary(l => l.Key, l => l.Value.Count);
        var released = new HashSet<string>();
        var ready = new Queue<(string Job, TimeSpan Duration)>();
        var running = new PriorityQueue<string, TimeSpan>();
        var now = TimeSpan.Zero;
        void Release()
        {
            foreach (var job in order.Where(j => !released.Contains(j) && needs[j].All(finished.ContainsKey)))
            {
                released.Add(job);
                foreach (var leg in legs[job]) ready.Enqueue((job, leg));
                if (legs[job].Count == 0) finished[job] = now;
            }
        }
        Release();
        while (finished.Count < order.Count)
        {
            while (ready.Count > 0 && running.Count < runners)
            {
                var (job, duration) = ready.Dequeue();
                running.Enqueue(job, now + duration);
            }
            if (!running.TryDequeue(out var done, out var at))
                throw new InvalidOperationException("jobs wait on jobs that never run: " + string.Join(", ", order.Where(j => !released.Contains(j))));
            now = at;
            if (--legsLeft[done] == 0) { finished[done] = now; Release(); }
        }
        return finished.Values.Max();
    }
}
