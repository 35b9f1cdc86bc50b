using System.Runtime.InteropServices;
using Cascade.Stacks;

namespace Cascade.Changes.Fingerprints;

/// <summary>
/// Computes every image's <see cref="ImageFingerprint"/> without Docker: a SHA-256 over its
/// <see cref="FingerprintInputs"/> — a format version, the platform, the context's content id
/// (<see cref="ContextContent"/>), the Dockerfile's path, the spec's build_args, the parents' fingerprints in
/// depend_on order and the external bases (by digest when known). Nothing else enters: not the commit, not
/// spec.yml's comments, not files .dockerignore leaves out.
/// </summary>
internal sealed class Fingerprinter
{
    /// <summary>Bump when what enters a fingerprint changes, so old fp- tags are no longer trusted.</summary>
    public const int FormatVersion = 1;

    /// <summary>The platform an image without `platforms:` is built for: the daemon's, taken to be this host's.</summary>
    public static string HostPlatform => "linux/" + RuntimeInformation.OSArchitecture switch
    {
        Architecture.X64 => "amd64",
        Architecture.Arm64 => "arm64",
        Architecture.Arm => "arm",
        Architecture.X86 => "386",
        Architecture.S390x => "s390x",
        Architecture.Ppc64le => "ppc64le",
        var other => other.ToString().ToLowerInvariant(),
    };

    /// <param name="baseDigests">External base reference → its digest, or null when its registry did not answer.</param>
    public static IReadOnlyDictionary<string, ImageFingerprint> Compute(
        StackSpec spec, StackGraph graph, IReadOnlyDictionary<string, string?> baseDigests) =>
        Compute(spec, graph, baseDigests, GitWorkingTree.Open(spec.Directory));

    /// <summary>What git says of the stack folder's working tree, to be read before the spec is (it takes
    /// git as long as loading a big spec takes us: side by side, neither waits). Null outside git.</summary>
    internal static GitWorkingTree? ReadWorkingTree(string stackDirectory) => GitWorkingTree.Open(stackDirectory);

    internal static IReadOnlyDictionary<string, ImageFingerprint> Compute(
        StackSpec spec, StackGraph graph, IReadOnlyDictionary<string, string?> baseDigests, GitWorkingTree? workingTree)
    {
        var content = new ContextContent(spec.Directory, workingTree);
        var contexts = new ContextId[graph.TopologicalOrder.Count];
        // Each context is read on its own: side by side, results in graph order.
        Parallel.For(0, contexts.Length, k =>
        {
            var image = spec[graph.TopologicalOrder[k]];
            contexts[k] = content.Of(image.Context, image.Dockerfile);
        });

        var result = new Dictionary<string, ImageFingerprint>(contexts.Length, StringComparer.Ordinal);
        for (var k = 0; k < contexts.Length; k++)
        {
            var image = spec[graph.TopologicalOrder[k]];
            var parents = image.DependOn.Select(p => result[p]).ToList();
            var platform = Platform(image);
            var inputs = FingerprintInputs.Of(image, platform, contexts[k], parents, baseDigests);
            result[image.Name] = new ImageFingerprint(inputs.Hash(), contexts[k].Dirty || parents.Any(p => p.Dirty), platform) { Inputs = inputs };
        }
        return result;
    }

    private static string Platform(ImageSpec image) =>
        image.Platforms.Count > 0 ? string.Join(",", image.Platforms.Select(p => p.ToString()).Order(StringComparer.Ordinal)) : HostPlatform;
}
