using System.Text.RegularExpressions;

namespace Cascade.Registry;

/// <summary>
/// A parsed image reference: <c>[registry/]repository[:tag][@digest]</c> with Docker Hub's defaults
/// (no registry → docker.io; a one-part name on docker.io → library/name; no tag nor digest → latest).
/// </summary>
internal sealed partial record ImageReference(string Registry, string Repository, string? Tag, string? Digest)
{
    public const string DockerHub = "docker.io";

    [GeneratedRegex(@"^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$")]
    private static partial Regex RepositoryPattern();

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$")]
    private static partial Regex TagPattern();

    [GeneratedRegex(@"^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[0-9a-fA-F]{32,}$")]
    private static partial Regex DigestPattern();

    /// <summary>registry/repository, without tag or digest (what `docker push` and the API call the name).</summary>
    public string Name => $"{Registry}/{Repository}";

    /// <summary>The host the distribution API answers on (Docker Hub's differs from its name).</summary>
    public string ApiHost => Registry == DockerHub ? "registry-1.docker.io" : Registry;

    /// <summary>Plain http for loopback registries (as the daemon's default insecure range), https otherwise.</summary>
    public bool IsLoopback => ApiHost.Split(':')[0] is "127.0.0.1" or "localhost" || ApiHost.StartsWith("[::1]", StringComparison.Ordinal)
                              || ApiHost.StartsWith("127.", StringComparison.Ordinal);

    /// <summary>The tag, or the digest when pinned by digest: what goes after /manifests/.</summary>
    public string ManifestReference => Digest ?? Tag ?? "latest";

    public ImageReference WithTag(string tag) => this with { Tag = tag, Digest = null };

    public override string ToString() =>
        Name + (Tag is null ? "" : ":" + Tag) + (Digest is null ? "" : "@" + Digest);

    public static bool TryParse(string text, out ImageReference? reference)
    {
        try { reference = Parse(text); return true; }
        catch (FormatException) { reference = null; return false; }
    }

    public static ImageReference Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var rest = text.Trim();
        if (rest.Length == 0) throw new FormatException("An image reference cannot be empty.");

        var (name, tag, digest) = Stacks.ReferenceParts.Split(rest);
        rest = name;
        if (digest is not null && !DigestPattern().IsMatch(digest))
            throw new FormatException($"'{text}': '{digest}' is not a digest (expected sha256:<hex>).");
        if (tag is not null && !TagPattern().IsMatch(tag))
            throw new FormatException($"'{text}': '{tag}' is not a valid tag (letters, digits, '_', '.', '-'; at most 128).");

        // The first part is a registry when it looks like a host (RepositoryHost's rule).
        var registry = DockerHub;
        var firstSlash = rest.IndexOf('/');
        if (firstSlash > 0)
        {
            var first = rest[..firstSlash];
            if (Stacks.RepositoryHost.IsHost(first))
            {
                registry = first;
                rest = rest[(firstSlash + 1)..];
            }
        }
        if (registry is "index.docker.io" or "registry-1.docker.io") registry = DockerHub;
        if (registry == DockerHub && !rest.Contains('/')) rest = "library/" + rest;

        if (!RepositoryPattern().IsMatch(rest))
            throw new FormatException($"'{text}': '{rest}' is not a valid repository name (lower-case letters, digits, and . _ - / separators).");
        if (tag is null && digest is null) tag = "latest";
        return new ImageReference(registry, rest, tag, digest);
    }
}
