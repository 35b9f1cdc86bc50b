using System.Runtime.InteropServices;

namespace Cascade.Benchmarks;

/// <summary>The machine the numbers came from: a ratio means little without knowing what it ran on.</summary>
internal sealed record MachineInfo(int Cores, string? CpuModel, long MemoryBytes, string OperatingSystem, string DotNet, string Docker)
{
    /// <summary>Reads this machine; the Docker version is asked of the daemon through the docker CLI.</summary>
    public static async Task<MachineInfo> DetectAsync(TimedProcess process, CancellationToken ct)
    {
        var docker = "unavailable";
        try
        {
            var run = await process.RunAsync("docker", ["version", "--format", "{{.Server.Version}} (API {{.Server.APIVersion}})"],
                Directory.GetCurrentDirectory(), null, ct);
            if (run.Succeeded && run.TailLines.Count > 0) docker = run.TailLines[^1].Trim();
        }
        catch (System.ComponentModel.Win32Exception) { /* no docker CLI: say so in the report */ }

        return new MachineInfo(
            Environment.ProcessorCount,
            CpuModelName(),
            GC.GetGCMemoryInfo().TotalAvailableMemoryBytes,
            RuntimeInformation.OSDescription,
            RuntimeInformation.FrameworkDescription,
            docker);
    }

    private static string? CpuModelName()
    {
        const string cpuinfo = "/proc/cpuinfo";
        if (!File.Exists(cpuinfo)) return null;
        var line = File.ReadLines(cpuinfo).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
        return line?[(line.IndexOf(':') + 1)..].Trim();
    }
}
