namespace Cascade.Stacks;

/// <summary>What a file under a test folder is to Cascade.</summary>
internal enum TestFileKind
{
    /// <summary>`test_*.py` or `*_test.py`: collected by the host's pytest, as DataHub runs its tests.</summary>
    PytestModule,

    /// <summary>Starts with `#!` and has an exec bit: copied into a container of the image and run there.</summary>
    Executable,

    /// <summary>Anything else (`__init__.py`, `conftest.py`, `helpers.py`, `data/*.ipynb`, notes): used by the
    /// tests, never run on its own.</summary>
    Support,
}

/// <summary>The one rule that says which files are tests, and of which kind.</summary>
internal static class TestFileKinds
{
    public static TestFileKind Of(string path)
    {
        var name = Path.GetFileName(path);
        if (IsPytestModule(name)) return TestFileKind.PytestModule;
        return HasShebang(path) && IsExecutable(path) ? TestFileKind.Executable : TestFileKind.Support;
    }

    /// <summary>pytest's default `python_files` patterns.</summary>
    public static bool IsPytestModule(string fileName) =>
        fileName.EndsWith(".py", StringComparison.Ordinal)
        && (fileName.StartsWith("test_", StringComparison.Ordinal) || fileName.EndsWith("_test.py", StringComparison.Ordinal));

    /// <summary>A `#!` file that lacks the exec bit: probably meant as a test (a checkout that lost the bit).</summary>
    public static bool IsShebangWithoutExecBit(string path) => HasShebang(path) && !IsExecutable(path);

    public static bool HasShebang(string path)
    {
        Span<byte> start = stackalloc byte[2];
        using var file = File.OpenRead(path);
        return file.ReadAtLeast(start, 2, throwOnEndOfStream: false) == 2 && start[0] == '#' && start[1] == '!';
    }

    // Windows has no exec bit: there, the shebang alone says it.
    private static bool IsExecutable(string path) =>
        OperatingSystem.IsWindows()
        || (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
}
