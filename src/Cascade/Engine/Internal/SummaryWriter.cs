using System.Globalization;

namespace Cascade.Engine.Internal;

/// <summary>The table at the end of a run: one row per scheduled target, then the total and the verdict.</summary>
internal static class SummaryWriter
{
    public static void Write(TextWriter output, IReadOnlyList<ExecutableTarget> order, bool succeeded,
        DateTimeOffset finishedAt, bool colour, Verbosity verbosity)
    {
        if (verbosity >= Verbosity.Minimal && order.Count > 0)
        {
            var nameWidth = Math.Max("Target".Length, order.Max(t => t.Name.Length)) + 3;
            const int statusWidth = 12;
            const int durationWidth = 9;
            var rule = new string('=', nameWidth + statusWidth + durationWidth);
            var line = new string('-', nameWidth + statusWidth + durationWidth);
            output.WriteLine();
            output.WriteLine(rule);
            output.WriteLine("Target".PadRight(nameWidth) + "Status".PadRight(statusWidth) + "Duration".PadLeft(durationWidth));
            output.WriteLine(line);
            foreach (var target in order)
            {
                var status = target.Status.ToString();
                // Pad before colouring: escape codes have no width on screen but do in PadRight.
                var shown = Colour(status.PadRight(statusWidth), target.Status, colour);
                var duration = target.Status is TargetStatus.Succeeded or TargetStatus.Failed ? Format(target.Duration) : "";
                output.WriteLine((target.Name.PadRight(nameWidth) + shown + duration.PadLeft(durationWidth)).TrimEnd());
            }
            output.WriteLine(line);
            var total = order.Aggregate(TimeSpan.Zero, (sum, t) => sum + t.Duration);
            output.WriteLine("Total".PadRight(nameWidth + statusWidth) + Format(total).PadLeft(durationWidth));
            output.WriteLine(rule);
            output.WriteLine();
        }
        var verdict = succeeded ? "Build succeeded" : "Build failed";
        var when = finishedAt.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        output.WriteLine(Colour(verdict, succeeded ? TargetStatus.Succeeded : TargetStatus.Failed, colour) + $" on {when}");
    }

    /// <summary>m:ss, or "&lt; 1s" for the many targets that finish almost at once.</summary>
    public static string Format(TimeSpan duration) =>
        duration < TimeSpan.FromSeconds(1) ? "< 1s"
        : duration.TotalHours >= 1 ? duration.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture)
        : $"{(int)duration.TotalMinutes}:{duration.Seconds:00}";

    private static string Colour(string text, TargetStatus status, bool colour)
    {
        if (!colour) return text;
        var code = status switch
        {
            TargetStatus.Succeeded => "32",
            TargetStatus.Failed => "31",
            TargetStatus.Skipped => "33",
            TargetStatus.Collective => "36",
            _ => "90",
        };
        return $"\u001b[{code}m{text}\u001b[0m";
    }
}
