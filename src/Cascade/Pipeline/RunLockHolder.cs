using System.Diagnostics;
using System.Globalization;

namespace Cascade.Pipeline;

/// <summary>Who holds a run lock, as it wrote itself down beside the lock: what a second run names.</summary>
/// <param name="Command">What the process is doing: its targets (never its arguments, which may hold a password).</param>
internal sealed record RunLockHolder(int ProcessId, string Command, DateTimeOffset Since, string Host)
{
    public static RunLockHolder Current(string command, DateTimeOffset now) =>
        new(Environment.ProcessId, command, now, Environment.MachineName);

    /// <summary>`pid: 42` lines: read by a second run (no JSON: Promote takes the lock, and lives a fraction of a second).</summary>
    internal string ToText() =>
        $"pid: {ProcessId}\nhost: {Host}\nsince: {Since.UtcDateTime:O}\ncommand: {Command}\n";

    internal static RunLockHolder? Parse(string text)
    {
        var fields = text.Split('\n').Select(l => l.Split(": ", 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1].Trim());
        return fields.TryGetValue("pid", out var pid) && int.TryParse(pid, CultureInfo.InvariantCulture, out var id)
               && fields.TryGetValue("since", out var since)
               && DateTimeOffset.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var started)
            ? new RunLockHolder(id, fields.GetValueOrDefault("command", "?"), started, fields.GetValueOrDefault("host", ""))
            : null;
    }

    public override string ToString() =>
        $"process {ProcessId} ({Command}){(Host == Environment.MachineName ? "" : $" on {Host}")}, started {Since.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC";

    /// <summary>False only when the process is on this machine and gone: a holder file a killed run left.</summary>
    internal bool MayBeAlive()
    {
        if (Host != Environment.MachineName) return true;
        try
        {
            using var process = Process.GetProcessById(ProcessId);
            return !process.HasExited;
        }
        catch (ArgumentException) { return false; }
        catch (InvalidOperationException) { return false; }
    }
}
