using Cascade.Changes;
using Cascade.Registry;
using Cascade.Stacks;

namespace Cascade.Pipeline;

/// <summary>
/// --leave-out-existing: the plan without the images whose fingerprint tag the registry already has, asked for all of
/// them at once (a manifest HEAD each). The scheduled drift check plans every image this way, so that only the images
/// whose fingerprint is new (an external base moved, and what lies below it) get a job of their own; the rest are
/// tagged and recorded together. An image the registry cannot be asked about stays in the plan: its job finds out.
/// </summary>
internal static class ExistingFingerprints
{
    public static async Task<BuildPlan> LeaveOutAsync(BuildPlan plan, StackSpec spec, StackGraph graph, RegistryClient registry, CancellationToken ct)
    {
        var asked = plan.Order
            .Where(name => plan[name].Fingerprint is not null && RunContext.PushesSomewhere(spec, spec[name]))
            .Select(async name => (name, Found: await ExistsAsync(registry, plan[name].Fingerprint!.ReferenceIn(spec[name].Repository), ct)));
        var existing = (await Task.WhenAll(asked)).Where(a => a.Found).Select(a => a.name).ToHashSet(StringComparer.Ordinal);
        return Planner.LeaveOut(plan, graph, existing);
    }

    private static async Task<bool> ExistsAsync(RegistryClient registry, string reference, CancellationToken ct)
    {
        try { return await registry.ManifestExistsAsync(reference, ct) is not null; }
        catch (Exception e) when (e is RegistryException or HttpRequestException or ArgumentException or FormatException) { return false; }
    }
}
