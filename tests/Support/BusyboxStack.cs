using Cascade.Contexts;
using Cascade.Docker;

namespace Cascade.Tests.Support;

/// <summary>
/// A temporary folder for FROM-scratch test images (nothing can be pulled here): <see cref="AddContext"/>
/// writes a context with /bin/busybox and a Dockerfile that installs its applets, so RUN and /bin/sh work.
/// Every tag made through <see cref="Tag"/> starts with a unique prefix and is removed on dispose
/// (with stray cascade.owned containers), pass or fail.
/// </summary>
public sealed class BusyboxStack : IDisposable
{
    /// <summary>The base Dockerfile. The stack's own LABEL comes first so its layers are never the build
    /// cache of another stack: removing this stack's images (which prunes parents) cannot pull a cached
    /// layer from under a build running in parallel on the same daemon.</summary>
    public string BusyboxDockerfile =>
        $"FROM scratch\nLABEL cascade.test.stack={Prefix}\nCOPY busybox /bin/busybox\nRUN [\"/bin/busybox\",\"--install\",\"-s\",\"/bin\"]\n";

    private readonly List<string> _tags = [];

    public BusyboxStack()
    {
        Folder = Directory.CreateTempSubdirectory("cascade-stack-").FullName;
        Prefix = $"cascade-test-{Guid.NewGuid():N}"[..24];
    }

    public string Folder { get; }

    /// <summary>Unique lower-case prefix for this stack's image names.</summary>
    public string Prefix { get; }

    /// <summary>A tag "PREFIX-name:tag" (optionally under a registry host) remembered for cleanup.</summary>
    public string Tag(string name, string tag = "latest", string? registry = null)
    {
        var reference = $"{(registry is null ? "" : registry + "/")}{Prefix}-{name}:{tag}";
        _tags.Add(reference);
        return reference;
    }

    /// <summary>Writes a context folder with busybox and a Dockerfile made of the busybox base plus
    /// <paramref name="extraDockerfileLines"/>. Returns the folder.</summary>
    public string AddContext(string name, string extraDockerfileLines = "", string dockerfile = "Dockerfile")
    {
        var folder = Path.Combine(Folder, name);
        Directory.CreateDirectory(folder);
        File.Copy("/bin/busybox", Path.Combine(folder, "busybox"), overwrite: true);
        var dockerfilePath = Path.Combine(folder, dockerfile);
        Directory.CreateDirectory(Path.GetDirectoryName(dockerfilePath)!);
        File.WriteAllText(dockerfilePath, BusyboxDockerfile + extraDockerfileLines);
        return folder;
    }

    /// <summary>Like <see cref="AddContext"/>, for every platform the tests build: the context holds busybox-amd64
    /// and busybox-arm64 and the Dockerfile copies the one TARGETARCH names (which Cascade passes itself).
    /// The first step is a COPY of a file unique to the stack: it keeps the build cache apart as the LABEL does
    /// above (and, being a file step, needs no step added for a foreign platform: see SentDockerfile).</summary>
    public string AddMultiPlatformContext(string name, string extraDockerfileLines = "")
    {
        var folder = Path.Combine(Folder, name);
        Directory.CreateDirectory(folder);
        File.Copy("/bin/busybox", Path.Combine(folder, "busybox-amd64"), overwrite: true);
        File.Copy(Emulation.Arm64Busybox, Path.Combine(folder, "busybox-arm64"), overwrite: true);
        File.WriteAllText(Path.Combine(folder, "stack-id"), Prefix + "\n");
        File.WriteAllText(Path.Combine(folder, "Dockerfile"),
            "FROM scratch\nCOPY stack-id /.cascade-test-stack\nARG TARGETARCH\nCOPY busybox-${TARGETARCH} /bin/busybox\n" +
            $"RUN [\"/bin/busybox\",\"--install\",\"-s\",\"/bin\"]\nLABEL cascade.test.stack={Prefix}\n" + extraDockerfileLines);
        return folder;
    }

    public void WriteFile(string relativePath, string content, bool executable = false)
    {
        var path = Path.Combine(Folder, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content.Replace("\r\n", "\n"));
        if (executable && !OperatingSystem.IsWindows()) File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
    }

    /// <summary>Builds a context whose image differs from every other (a fresh file inside), tagged for
    /// <paramref name="registry"/>; returns its reference. For push tests that must not share layers.</summary>
    internal async Task<string> BuildUniqueAsync(Cascade.Docker.IDockerEngine engine, string name, string tag, string? registry)
    {
        var context = AddContext(name, $"RUN echo {Guid.NewGuid()} > /unique\n");
        var reference = Tag(name, tag, registry);
        var outcome = await engine.BuildAsync(new Cascade.Docker.ImageBuildRequest(context, "Dockerfile", [reference],
            new Dictionary<string, string>(), new Dictionary<string, string>()), TextWriter.Null, CancellationToken.None);
        outcome.Succeeded.Should().BeTrue(outcome.Error);
        return reference;
    }

    public void Dispose()
    {
        using var engine = DockerEngine.ConnectAsync(null, CancellationToken.None).GetAwaiter().GetResult();
        foreach (var tag in _tags)
            engine.RemoveImageAsync(tag, CancellationToken.None).GetAwaiter().GetResult();
        DockerTestCleanup.RemoveImagesWithPrefix(Prefix);
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}
