namespace Cascade.Docker;

/// <summary>
/// The OCI image-spec annotation keys (annotations.md) Cascade writes as labels on every image it builds, and reads
/// back from a pushed image (the base ones: what it was built FROM, for its page and the layer cache).
/// </summary>
internal static class OciLabels
{
    public const string Title = "org.opencontainers.image.title";
    public const string Created = "org.opencontainers.image.created";
    public const string Version = "org.opencontainers.image.version";
    public const string Source = "org.opencontainers.image.source";
    public const string Revision = "org.opencontainers.image.revision";
    public const string BaseName = "org.opencontainers.image.base.name";
    public const string BaseDigest = "org.opencontainers.image.base.digest";
}
