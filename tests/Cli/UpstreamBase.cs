using Cascade.Registry;
using Cascade.Tests.Support;

namespace Cascade.Tests.Cli;

/// <summary>An external base (FROM outside the stack) in the test registry: a FROM-scratch busybox image saying a
/// version, labelled with the test's owner so that its cleanup removes it.</summary>
internal static class UpstreamBase
{
    /// <summary>Builds it under <paramref name="tag"/>; returns its image id.</summary>
    public static string Build(CliRepo repo, string owner, string tag, string version)
    {
        var context = repo.PathOf($"upstream-{Guid.NewGuid():N}");
        Directory.CreateDirectory(context);
        File.Copy("/bin/busybox", Path.Combine(context, "busybox"));
        File.WriteAllText(Path.Combine(context, "version"), version + "\n");
        File.WriteAllText(Path.Combine(context, "Dockerfile"),
            $"FROM scratch\nLABEL cascade.test.stack={owner}\nCOPY busybox /bin/busybox\n" +
            "RUN [\"/bin/busybox\",\"--install\",\"-s\",\"/bin\"]\nCOPY version /version\n");
        DockerTestCleanup.Docker("build", "-q", "-t", tag, context);
        return DockerTestCleanup.Docker("image", "inspect", "--format", "{{.Id}}", tag).Single();
    }

    /// <summary>Builds and pushes it under <paramref name="tag"/>; returns its manifest digest in the registry.</summary>
    public static async Task<string> PushAsync(CliRepo repo, string owner, string tag, string version)
    {
        Build(repo, owner, tag, version);
        DockerTestCleanup.Docker("push", "-q", tag);
        using var http = new HttpClient();
        return (await new RegistryClient(http, _ => null).ManifestExistsAsync(tag, CancellationToken.None))!;
    }
}
