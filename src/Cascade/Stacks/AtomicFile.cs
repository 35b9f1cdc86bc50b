using System.Text;

namespace Cascade.Stacks;

/// <summary>
/// The one way Cascade rewrites a file others read (the ledger, results.json, the run state): the text goes to
/// a temporary file beside it, which is then renamed over the file. A reader, or a run killed mid-write, sees
/// the old file or the new one, never half of one.
/// </summary>
internal static class AtomicFile
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static void WriteAllText(string path, string text)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        // Beside the file (a rename within one folder is atomic), and this process's own.
        var temp = $"{full}.{Environment.ProcessId}.tmp";
        try
        {
            File.WriteAllText(temp, text, Utf8);
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }
}
