using System.Globalization;
using System.Text.RegularExpressions;

namespace Cascade.Stacks;

/// <summary>Parses `timeout:` values: "90s", "30m", "1h30m", "2h", or a whole number of seconds.</summary>
internal static class Durations
{
    private static readonly Regex HoursMinutesSeconds =
        new(@"^(?:(?<h>\d+)h)?(?:(?<m>\d+)m)?(?:(?<s>\d+)s)?$", RegexOptions.CultureInvariant);

    public const string Forms = "use a whole number of seconds or a duration like \"90s\", \"30m\", \"2h\", \"1h30m\"";

    public static bool TryParse(string text, out TimeSpan value)
    {
        value = default;
        text = text.Trim();
        if (text.Length == 0) return false;
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            return Positive(seconds, out value);
        var m = HoursMinutesSeconds.Match(text);
        if (!m.Success) return false;
        long Part(string g) => m.Groups[g].Success ? long.Parse(m.Groups[g].Value, CultureInfo.InvariantCulture) : 0;
        try { return Positive(checked(Part("h") * 3600 + Part("m") * 60 + Part("s")), out value); }
        catch (Exception e) when (e is OverflowException or FormatException) { return false; }
    }

    /// <summary>The same forms back: 5s, 30m, 1h30m, 1h0m5s (whole seconds; what `timeout:` accepts), and under
    /// a second in tenths (0.5s). The one way Cascade prints a duration: never TimeSpan's 00:00:05.</summary>
    public static string Format(TimeSpan value)
    {
        if (value < TimeSpan.FromSeconds(1)) return Tenths(value);
        var seconds = (long)Math.Round(value.TotalSeconds, MidpointRounding.AwayFromZero);
        var (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
        if (h > 0) return s > 0 ? $"{h}h{m}m{s}s" : m > 0 ? $"{h}h{m}m" : $"{h}h";
        if (m > 0) return s > 0 ? $"{m}m{s}s" : $"{m}m";
        return $"{s}s";
    }

    /// <summary>How long something took or has been running: tenths of a second under a minute (12.3s), else
    /// <see cref="Format"/> (12m5s).</summary>
    public static string Elapsed(TimeSpan value) => value < TimeSpan.FromMinutes(1) ? Tenths(value) : Format(value);

    private static string Tenths(TimeSpan value) =>
        Math.Max(0, value.TotalSeconds).ToString("0.0", CultureInfo.InvariantCulture) + "s";

    private static bool Positive(long seconds, out TimeSpan value)
    {
        value = default;
        // Cap at 7 days: anything longer is a typo, and TimeSpan arithmetic stays far from overflow.
        if (seconds <= 0 || seconds > 7 * 24 * 3600) return false;
        value = TimeSpan.FromSeconds(seconds);
        return true;
    }
}
