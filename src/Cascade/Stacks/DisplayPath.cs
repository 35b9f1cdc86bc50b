namespace Cascade.Stacks;

/// <summary>Paths as messages print them: relative to the working directory when inside it, so that
/// `images/spec.yml:3:5` is clickable in terminals and CI logs; absolute otherwise.</summary>
internal static class DisplayPath
{
    public static string Of(string absolutePath) => Of(absolutePath, Environment.CurrentDirectory);

    /// <summary>As <see cref="Of(string)"/>, with the working directory read once by the caller (5,000 Dockerfiles).</summary>
    public static string Of(string absolutePath, string workingDirectory)
    {
        var relative = Path.GetRelativePath(workingDirectory, absolutePath);
        if (relative == ".") return ".";
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? absolutePath : relative;
    }
}
