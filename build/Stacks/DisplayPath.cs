namespace Cascade.Stacks;

/// <summary>Paths as messages print them: relative to the working directory when inside it, so that
/// `images/spec.yml:3:5` is clickable in terminals and CI logs; absolute otherwise.</summary>
internal static class DisplayPath
{
    public static string Of(string absolutePath)
    {
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, absolutePath);
        if (relative == ".") return ".";
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? absolutePath : relative;
    }
}
