using Cascade.Stacks;
using Cascade.Workflows;

namespace Cascade.Benchmarks;

/// <summary>What a simulated run costs: each image's own work, and what every job pays before it
/// (runner start, checkout, .NET set-up, pulling its parents).</summary>
/// <param name="Plan">The plan job's whole duration.</param>
/// <param name="RunnerLimit">Jobs GitHub runs at once (20 on the Free plan); null: as many as are ready.</param>
public sealed record SimulationCosts(IReadOnlyDictionary<string, TimeSpan> ImageDurations, TimeSpan JobOverhead, TimeSpan Plan, int? RunnerLimit = null)
{
    /// <summary>Images with platforms, and how many: each platform's job takes the overhead and the image's time (on a
    /// runner of that platform, so all at once), then the image's merge job takes <see cref="IndexJob"/>.</summary>
    public IReadOnlyDictionary<string, int> PlatformCounts { get; init; } = new Dictionary<string, int>();

    /// <summary>A merge job: runner start, checkout, .NET set-up and PushIndex (no layer moves).</summary>
    public TimeSpan IndexJob { get; init; }

    public static IReadOnlyDictionary<string, int> PlatformCountsOf(StackSpec spec) =>
        spec.Images.Where(i => i.Platforms.Count > 0).ToDictionary(i => i.Name, i => i.Platforms.Count);

    /// <summary>What the image's merge job adds after its platform jobs: nothing for an image without platforms.</summary>
    public TimeSpan IndexJobOf(string image) => PlatformCounts.ContainsKey(image) ? IndexJob : TimeSpan.Zero;
}

/// <summary>
/// Runs a generated build-test-push workflow the way GitHub schedules it, in simulated time: a job starts
/// when every job it `needs` has finished (and a runner is free), a matrix job's legs all start together and
/// it finishes with its last leg. It reads the jobs and needs of the <see cref="Workflow"/> the generator
/// wrote, so it measures that workflow, not a model of the graph. Every image is affected (a full rebuild).
/// </summary>
public static class WorkflowSimulation
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
            finish[image] = graph.Parents(image).Select(p => finish[p]).DefaultIfEmpty(costs.Plan).Max()
                            + costs.JobOverhead + costs.ImageDurations[image] + costs.IndexJobOf(image);
        return finish.Values.Max();
    }

    /// <summary>DataHub's way: one job on one runner builds every image, one after another (each platform in turn).</summary>
    public static TimeSpan SingleSequentialJob(StackGraph graph, SimulationCosts costs) =>
        costs.JobOverhead + graph.Images.Aggregate(TimeSpan.Zero,
            (sum, i) => sum + costs.ImageDurations[i] * Math.Max(1, costs.PlatformCounts.GetValueOrDefault(i)));

    private static IReadOnlyList<TimeSpan> Legs(string id, Job job, Dictionary<string, MatrixSlice> slices, SimulationCosts costs)
    {
        if (id == PlanJob.Id) return [costs.Plan];
        // The wiki job records the run once every image is done: the same bookkeeping after any layout, not
        // part of what the layouts are compared on (its legs are none, so it finishes when it is released).
        if (id == WikiJob.Id) return [];
        if (job.Uses?.EndsWith(IndexWorkflow.FileName, StringComparison.Ordinal) == true) return [costs.IndexJob];
        if (slices.TryGetValue(id, out var slice) && job.Strategy is not null)
            return slice.Images.Select(i => costs.JobOverhead + costs.ImageDurations[i]).ToList();
        var image = job.With?["image"] as string ?? throw new InvalidOperationException($"job {id} names no image");
        return [costs.JobOverhead + costs.ImageDurations[image]];
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
