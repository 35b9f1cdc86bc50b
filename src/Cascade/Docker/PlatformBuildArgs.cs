using Cascade.Stacks;

namespace Cascade.Docker;

/// <summary>
/// BuildKit's automatic platform args (TARGETPLATFORM, TARGETOS, TARGETARCH, TARGETVARIANT and BUILDPLATFORM,
/// BUILDOS, BUILDARCH, BUILDVARIANT). The classic builder does not set them, so a Dockerfile written for buildx
/// (`ARG TARGETARCH`, `COPY bin-${TARGETARCH}`) would see them empty; Cascade passes them itself.
/// </summary>
internal static class PlatformBuildArgs
{
    public static IReadOnlyDictionary<string, string> For(Platform target, Platform build) => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["TARGETPLATFORM"] = target.ToString(),
        ["TARGETOS"] = target.Os,
        ["TARGETARCH"] = target.Architecture,
        ["TARGETVARIANT"] = target.Variant ?? "",
        ["BUILDPLATFORM"] = build.ToString(),
        ["BUILDOS"] = build.Os,
        ["BUILDARCH"] = build.Architecture,
        ["BUILDVARIANT"] = build.Variant ?? "",
    };
}
