using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Cascade.Stacks;

/// <summary>
/// Reads a small text file as File.ReadAllText does (UTF-8, BOM skipped, other BOMs honoured), in one read
/// call and without a FileStream and StreamReader around it: 5,000 Dockerfiles are read on every run.
/// </summary>
internal static class SmallTextFile
{
    private const int MaxFastLength = 64 * 1024;

    /// <exception cref="IOException">And the other exceptions of File.ReadAllText, for the same reasons.</exception>
    public static string Read(string path)
    {
        byte[] bytes;
        int length;
        using (SafeFileHandle handle = File.OpenHandle(path))
        {
            var size = RandomAccess.GetLength(handle);
            // Big files, and files that are not regular (size 0 may mean "unknown", as in /proc), go the usual way.
            if (size is 0 or > MaxFastLength) return File.ReadAllText(path);
            bytes = new byte[size];
            length = 0;
            while (length < bytes.Length)
            {
                var read = RandomAccess.Read(handle, bytes.AsSpan(length), length);
                if (read == 0) break;
                length += read;
            }
        }
        var span = bytes.AsSpan(0, length);
        // Only UTF-8 (with or without its BOM) is decoded here; a UTF-16 or UTF-32 BOM is left to File.ReadAllText.
        if (span.Length >= 2 && (span[0] is 0xFE or 0xFF || (span[0] == 0 && span[1] == 0))) return File.ReadAllText(path);
        if (span.StartsWith(Encoding.UTF8.Preamble)) span = span[Encoding.UTF8.Preamble.Length..];
        return Encoding.UTF8.GetString(span);
    }
}
