using System.Globalization;

namespace Cascade.Text;

/// <summary>How a moment is written for people: pages, history rows and the promotion gate's refusals say it alike.</summary>
internal static class Timestamps
{
    /// <summary>`2026-12-05 07:26 UTC`: to the minute, in UTC, whatever the machine's zone and culture.</summary>
    public static string Utc(DateTimeOffset when) =>
        when.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
