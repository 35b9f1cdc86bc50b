namespace Cascade.Tests.Support;

/// <summary>
/// The xUnit trait that says what a test needs outside the process: <c>[Trait(Needs.Trait, Needs.Docker)]</c>.
/// Without a Docker engine or the docker-registry binary, run the rest:
/// <c>./tests/run.sh --filter "Needs!=Docker&amp;Needs!=Registry"</c> (docs/09-contributing.md).
/// </summary>
public static class Needs
{
    public const string Trait = "Needs";

    /// <summary>A Docker engine (the local socket or DOCKER_HOST) and /bin/busybox (static) to build FROM scratch.</summary>
    public const string Docker = "Docker";

    /// <summary>An OCI registry: /usr/bin/docker-registry, started by the test on a free port (htpasswd for logins).</summary>
    public const string Registry = "Registry";
}
