using System.Security.Cryptography;
using System.Text;

namespace Cascade.Pipeline;

/// <summary>Where a run keeps its files: --artifacts, else a folder per stack under artifacts/ (artifacts/images for the
/// default stack), so two stacks never share one.</summary>
static class ArtifactsLocation
{
    public static string Of(string rootDirectory, string stackDirectory, string? artifacts) =>
        Path.GetFullPath(artifacts ?? Path.Combine("artifacts", StackFolderName(rootDirectory, stackDirectory)), rootDirectory);

    /// <summary>The stack folder relative to the root (images, stacks/ml); a stack outside the root gets its folder name
    /// and a hash of its full path, so two such stacks do not meet either.</summary>
    static string StackFolderName(string rootDirectory, string stackDirectory)
    {
        var relative = Path.GetRelativePath(rootDirectory, stackDirectory);
        if (relative != "." && !relative.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relative)) return relative;
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(stackDirectory)))[..8];
        return $"{Path.GetFileName(stackDirectory.TrimEnd(Path.DirectorySeparatorChar))}-{hash}";
    }
}
