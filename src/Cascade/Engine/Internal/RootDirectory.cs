namespace Cascade.Engine.Internal;

/// <summary>NUKE's rule for the root: --root if given, else the nearest ancestor holding a .nuke folder.</summary>
internal static class RootDirectory
{
    public static string Find(string? given, string workingDirectory)
    {
        if (given is not null)
        {
            var full = Path.GetFullPath(given, workingDirectory);
            return Directory.Exists(full)
                ? full
                : throw new BuildUsageException($"--root {given}: the folder {full} does not exist.", ExitCodes.InvalidArguments);
        }
        for (var dir = new DirectoryInfo(workingDirectory); dir is not null; dir = dir.Parent)
            if (Directory.Exists(Path.Combine(dir.FullName, ".nuke")))
                return dir.FullName;
        throw new BuildUsageException(
            $"No .nuke folder in {workingDirectory} or any folder above it. Run the build from inside the project, or pass --root DIR.",
            ExitCodes.InvalidArguments);
    }
}
