using System.Security.Cryptography;
using System.Text;

namespace Cascade;

/// <summary>Where a run keeps its files: --artifacts, else a folder per stack under artifacts/
/// (artifacts/images for the default stack), so two stacks never share one.</summary>
partial class CascadeBuild
{
    string ArtifactsFolder => Path.GetFullPath(Artifacts ?? Path.Combine("artifacts", StackFolderName), RootDirectory);

    /// <summary>The stack folder relative to the root (images, stacks/ml); a stack outside the root gets its
    /// folder name and a hash of its full path, so two such stacks do not meet either.</summary>
    string StackFolderName
    {
        get
        {
            var relative = Path.GetRelativePath(RootDirectory, StackDirectory);
            if (relative != "." && !relative.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relative)) return relative;
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(StackDirectory)))[..8];
            return $"{Path.GetFileName(StackDirectory.TrimEnd(Path.DirectorySeparatorChar))}-{hash}";
        }
    }
}
