using Cascade.Stacks;

namespace Cascade.Pipeline;

/// <summary>
/// How much work lies on the longest path from each planned image down through its planned descendants,
/// the image itself included. Starting the ready image with the most of it first keeps a long chain from
/// waiting behind short leaves. Each image weighs its duration in the previous run, else the mean of the
/// known ones (or 1 when none is known, which makes it the count of images).
/// </summary>
internal static class CriticalPath
{
    public static IReadOnlyDictionary<string, double> RemainingWork(
        StackGraph graph, IReadOnlyList<string> planParentsFirst, IReadOnlyDictionary<string, TimeSpan> previous)
    {
        var known = planParentsFirst.Where(previous.ContainsKey).Select(n => previous[n].TotalSeconds).ToList();
        var fallback = known.Count > 0 ? Math.Max(known.Average(), 0.001) : 1.0;
        var inPlan = planParentsFirst.ToHashSet(StringComparer.Ordinal);
        var remaining = new Dictionary<string, double>(planParentsFirst.Count, StringComparer.Ordinal);
        for (var k = planParentsFirst.Count - 1; k >= 0; k--)
        {
            var name = planParentsFirst[k];
            var own = previous.TryGetValue(name, out var d) ? Math.Max(d.TotalSeconds, 0.001) : fallback;
            var below = graph.Children(name).Where(inPlan.Contains).Select(c => remaining[c]).DefaultIfEmpty(0).Max();
            remaining[name] = own + below;
        }
        return remaining;
    }
}
