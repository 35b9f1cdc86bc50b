using Cascade.Stacks;

namespace Cascade.Workflows;

/// <summary>
/// The two scheduled runs of build-test-push.yml (both crons in ci:). `ci.schedule` — daily — plans every image with
/// reuse on: only images whose fingerprint is new (an external base moved, and everything below it) are built; the
/// rest are found in the registry. `ci.refresh_schedule` — weekly — builds every image again, pulling external bases
/// again, to bring in upstream package updates no fingerprint sees. A run tells them apart by the cron that fired it.
/// </summary>
internal static class Schedules
{
    public static IReadOnlyList<Dictionary<string, object>> Triggers(StackSpec spec) =>
    [
        new() { ["cron"] = spec.Ci.Schedule },
        new() { ["cron"] = spec.Ci.RefreshSchedule },
    ];

    /// <summary>An expression: whether this run is the full refresh.</summary>
    public static string IsRefresh(StackSpec spec) =>
        $"github.event_name == 'schedule' && github.event.schedule == '{spec.Ci.RefreshSchedule}'";
}
