using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Cascade.Stacks;

namespace Cascade.Changes.Fingerprints;

/// <summary>
/// Computes every image's <see cref="ImageFingerprint"/> without Docker: a SHA-256 over a format version,
/// the platform, the context's content id (<see cref="ContextContent"/>), the Dockerfile's path, the spec's
/// build_args, the parents' fingerprints in depend_on order and the external bases (by digest when known).
/// Nothing else enters: not the commit, not spec.yml's comments, not files .dockerignore leaves out.
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
            var text = Text(image, platform, contexts[k].TreeId, parents, baseDigests);
            var value = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
            result[image.Name] = new ImageFingerprint(value, contexts[k].Dirty || parents.Any(p => p.Dirty), platform);
        }
        return result;
    }

    private static string Platform(ImageSpec image) =>
        image.Platforms.Count > 0 ? string.Join(",", image.Platforms.Select(p => p.ToString()).Order(StringComparer.Ordinal)) : HostPlatform;

    /// <summary>The text that is hashed: one fact a line, so a change to what enters is easy to review.</summary>
    internal static string Text(ImageSpec image, string platform, string contextId, IReadOnlyList<ImageFingerprint> parents,
        IReadOnlyDictionary<string, string?> baseDigests)
    {
        var sb = new StringBuilder();
        sb.Append("cascade-fingerprint ").Append(FormatVersion).Append('\n');
        sb.Append("platform ").Append(platform).Append('\n');
        sb.Append("context ").Append(contextId).Append('\n');
        sb.Append("dockerfile ").Append(image.Dockerfile).Append('\n');
        foreach (var (key, value) in image.BuildArgs.OrderBy(a => a.Key, StringComparer.Ordinal))
            sb.Append("build-arg ").Append(key).Append('=').Append(value).Append('\n');
        // By content alone: renaming a parent in spec.yml does not change what its children are made of.
        for (var i = 0; i < parents.Count; i++)
            sb.Append("parent ").Append(parents[i].Value).Append('\n');
        foreach (var reference in image.ExternalBases)
        {
            // Unresolved, the reference text alone stands for it (already part of the Dockerfile and build_args).
            sb.Append("base ").Append(reference).Append(' ').Append(baseDigests.GetValueOrDefault(reference) ?? "unresolved").Append('\n');
        }
        return sb.ToString();
    }
}
