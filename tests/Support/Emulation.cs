namespace Cascade.Tests.Support;

/// <summary>
/// Whether this machine runs linux/arm64 containers (natively or under qemu through binfmt_misc), and the
/// static arm64 busybox the multi-platform test images are made of. `.ci/emulation` sets both up.
/// </summary>
public static class Emulation
{
    public const string SetUp = ".ci/emulation (as root) installs qemu-user-static and binfmt-support, mounts binfmt_misc and enables qemu-aarch64";

    private const string DefaultArm64Busybox = "/usr/local/lib/cascade-test/arm64/bin/busybox";
    private const string Handler = "/proc/sys/fs/binfmt_misc/qemu-aarch64";

    /// <summary>Why arm64 containers cannot run here, or null when they can.</summary>
    public static string? Unavailable { get; } = FindProblem();

    /// <summary>The static arm64 busybox. Missing while emulation works is a broken setup, not a reason to skip.</summary>
    public static string Arm64Busybox
    {
        get
        {
            var path = Environment.GetEnvironmentVariable("CASCADE_TEST_ARM64_BUSYBOX") is { Length: > 0 } set ? set : DefaultArm64Busybox;
            return File.Exists(path) ? path
                : throw new InvalidOperationException($"no arm64 busybox at {path} (CASCADE_TEST_ARM64_BUSYBOX); {SetUp} and unpacks busybox-static:arm64 there");
        }
    }

    private static string? FindProblem()
    {
        if (System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.Arm64)
            return null;
        if (!File.Exists(Handler))
            return $"arm64 emulation is not available: binfmt_misc has no qemu-aarch64 handler ({Handler}); {SetUp}";
        var lines = File.ReadAllLines(Handler);
        if (!lines.Contains("enabled"))
            return $"arm64 emulation is not available: the qemu-aarch64 binfmt handler is disabled; {SetUp}";
        // Without F (fix binary) the kernel looks the interpreter up inside each container, where it is not.
        if (!lines.Any(l => l.StartsWith("flags:", StringComparison.Ordinal) && l.Contains('F')))
            return "arm64 emulation is not available in containers: the qemu-aarch64 binfmt handler lacks the F flag " +
                   "(Debian's qemu-user-static sets it; a hand-registered handler must too)";
        return null;
    }
}

/// <summary>A fact that needs linux/arm64 containers: skipped, saying why and how to fix it, only where
/// binfmt emulation is not enabled (see <see cref="Emulation"/>).</summary>
public sealed class EmulatedFactAttribute : FactAttribute
{
    public EmulatedFactAttribute()
    {
        if (Emulation.Unavailable is { } reason) Skip = reason;
    }
}
