namespace Cascade.Tests.Support;

/// <summary>The test kit's one temporary folder: made fresh under the system temp folder and deleted, with
/// everything in it, when disposed (a test holds it in a `using` or disposes it from its own Dispose).</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder(string prefix = "cascade-test-") => Path = Directory.CreateTempSubdirectory(prefix).FullName;

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>Writes <paramref name="text"/> to a file below the folder (making its folders) and returns its full path.</summary>
    public string Write(string relative, string text)
    {
        var file = Combine(relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        File.WriteAllText(file, text);
        return file;
    }

    public void Dispose()
    {
        if (!Directory.Exists(Path)) return;
        try { Directory.Delete(Path, recursive: true); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { DeleteReadOnly(); }
    }

    /// <summary>git's objects and some tests' files are read-only: clear the flags and try once more. What a
    /// container left behind as root may still refuse; that must not hide the test's own outcome.</summary>
    private void DeleteReadOnly()
    {
        try
        {
            foreach (var file in Directory.EnumerateFiles(Path, "*", SearchOption.AllDirectories)) File.SetAttributes(file, FileAttributes.Normal);
            Directory.Delete(Path, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }
}
