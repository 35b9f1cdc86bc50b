using Cascade.Stacks;

namespace Cascade.Tests.Pipeline;

/// <summary>A stack in a temporary folder: one folder per image with a Dockerfile, plus whatever test
/// files a test writes. Deleted on dispose.</summary>
internal sealed class TempStack : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("cascade-pipeline-").FullName;
    public string StackDir => Path.Combine(Root, "images");
    public string Artifacts => Path.Combine(Root, "artifacts");
    private readonly List<ImageSpec> images = [];

    public string RegistryHost { get; set; } = "localhost:5999";
    public string TagPrefix { get; set; } = "";

    public TempStack() => Directory.CreateDirectory(StackDir);

    public TempStack Image(string name, params string[] parents) => Image(name, parents, s => s);

    public TempStack Image(string name, string[] parents, Func<ImageSpec, ImageSpec> tweak)
    {
        Directory.CreateDirectory(Path.Combine(StackDir, name));
        System.IO.File.WriteAllText(Path.Combine(StackDir, name, "Dockerfile"), parents.Length == 0
            ? "FROM scratch\nCOPY busybox /bin/busybox\n"
            : "ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\n");
        images.Add(tweak(new ImageSpec
        {
            Name = name,
            Repository = string.IsNullOrEmpty(RegistryHost) ? $"cascade-test/{name}" : $"{RegistryHost}/cascade-test/{name}",
            DependOn = parents,
            Context = name,
        }));
        return this;
    }

    public TempStack File(string relative, string content)
    {
        var path = Path.Combine(StackDir, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllText(path, content);
        return this;
    }

    /// <summary>An in-container test: `#!/bin/sh` and <paramref name="body"/>, with the exec bit.</summary>
    public TempStack Executable(string relative, string body)
    {
        File(relative, "#!/bin/sh\n" + body + "\n");
        if (!OperatingSystem.IsWindows()) System.IO.File.SetUnixFileMode(Path.Combine(StackDir, relative), (UnixFileMode)0b111_101_101);
        return this;
    }

    public StackSpec Spec => new()
    {
        Directory = StackDir,
        File = Path.Combine(StackDir, "spec.yml"),
        Images = images.ToList(),
        Roots = images.Where(i => i.DependOn.Count == 0).Select(i => i.Name).ToList(),
        TagPrefix = TagPrefix,
    };

    public StackGraph Graph => new(Spec);

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}
