using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Cascade.Pipeline;

/// <summary>
/// An exclusive lock on a file that another process really cannot take at the same time, and that the
/// operating system drops when the holder ends, however it ends. On Windows that is FileShare.None. On Unix
/// .NET only emulates FileShare with flock(2), and Cascade turns that emulation off for speed
/// (System.IO.DisableFileLocking in _build.csproj), so the lock takes flock itself.
/// </summary>
internal static class ExclusiveFileLock
{
    private const int LockExclusive = 2, LockNonBlocking = 4;

    /// <summary>The open, locked file; null when another holder has it.</summary>
    public static FileStream? TryTake(string path)
    {
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e) when (IsSharingViolation(e))
        {
            return null; // Windows, or a process where .NET's own flock emulation is on.
        }
        try
        {
            if (OperatingSystem.IsWindows() || TryFlock(stream.SafeFileHandle, path)) return stream;
        }
        catch
        {
            stream.Dispose();
            throw;
        }
        stream.Dispose();
        return null;
    }

    private static bool TryFlock(SafeFileHandle handle, string path)
    {
        if (flock(handle, LockExclusive | LockNonBlocking) == 0) return true;
        var errno = Marshal.GetLastPInvokeError();
        if (errno == WouldBlock) return false;
        throw new IOException($"Could not lock {path}: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno}).");
    }

    // EWOULDBLOCK: 11 on Linux, 35 on macOS and the BSDs.
    private static int WouldBlock => OperatingSystem.IsLinux() ? 11 : 35;

    // Windows: ERROR_SHARING_VIOLATION; Unix: .NET reports its flock's EWOULDBLOCK with the errno as HResult.
    private static bool IsSharingViolation(IOException e) =>
        OperatingSystem.IsWindows() ? (e.HResult & 0xFFFF) == 32 : e.HResult == WouldBlock;

    [DllImport("libc", SetLastError = true)]
    private static extern int flock(SafeFileHandle fd, int operation);
}
