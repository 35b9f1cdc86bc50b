using Cascade.Stacks;

namespace Cascade.Tests.Support;

/// <summary>The test kit's one stack in a temporary folder: <see cref="StackDir"/> (images/) holds one folder per
/// image with its Dockerfile and whatever files a test writes; the whole folder is deleted on dispose.
/// A stack is described either as spec.yml text (<see cref="TempStack(string)"/>, read back by <see cref="Load"/>)
/// or image by image in code (<see cref="Image(string, string[])"/>, read back by <see cref="Spec"/>).</summary>
internal sealed class TempStack : IDisposable
{
    private readonly TempFolder _folder = new("cascade-stack-");
    private readonly List<ImageSpec> _images = [];

    public TempStack() => Directory.CreateDirectory(StackDir);

    /// <summary>A stack whose spec.yml is <paramref name="specYaml"/>.</summary>
    public TempStack(string specYaml) : this() => File("spec.yml", specYaml);

    public string Root => _folder.Path;
    public string StackDir => Path.Combine(Root, "images");
    public string Artifacts => Path.Combine(Root, "artifacts");

    public string RegistryHost { get; set; } = "localhost:5999";
    public string TagPrefix { get; set; } = "";

    /// <summary>How messages print spec.yml's path.</summary>
    public string SpecFile => DisplayPath.Of(Path.Combine(StackDir, "spec.yml"));

    public string DockerfileDisplay(string folder, string file = "Dockerfile") => DisplayPath.Of(Path.Combine(StackDir, folder, file));

    /// <summary>An image built in code: a root copies in busybox, a child builds FROM its parent's injected reference.</summary>
    public TempStack Image(string name, params string[] parents) => Image(name, parents, s => s);

    public TempStack Image(string name, string[] parents, Func<ImageSpec, ImageSpec> tweak)
    {
        Dockerfile(name, parents.Length == 0 ? "FROM scratch\nCOPY busybox /bin/busybox\n" : "ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\n");
        _images.Add(tweak(new ImageSpec
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

    public TempStack Dockerfile(string folder, string text, string file = "Dockerfile") => File(Path.Combine(folder, file), text);

    /// <summary>Image folders whose Dockerfile names no stack image.</summary>
    public TempStack Plain(params string[] folders)
    {
        foreach (var f in folders) Dockerfile(f, "FROM scratch\n");
        return this;
    }

    /// <summary>An in-container test: `#!/bin/sh` and <paramref name="body"/>, with the exec bit.</summary>
    public TempStack Executable(string relative, string body)
    {
        File(relative, "#!/bin/sh\n" + body + "\n");
        if (!OperatingSystem.IsWindows()) System.IO.File.SetUnixFileMode(Path.Combine(StackDir, relative), (UnixFileMode)0b111_101_101);
        return this;
    }

    /// <summary>The stack built in code by <see cref="Image(string, string[])"/>.</summary>
    public StackSpec Spec => new()
    {
        Directory = StackDir,
        File = Path.Combine(StackDir, "spec.yml"),
        Images = _images.ToList(),
        Roots = _images.Where(i => i.DependOn.Count == 0).Select(i => i.Name).ToList(),
        TagPrefix = TagPrefix,
    };

    public StackGraph Graph => new(Spec);

    /// <summary>The stack as spec.yml describes it.</summary>
    public SpecLoadResult Load() => SpecLoader.Load(StackDir);

    /// <summary>The diagnostics of a load that must fail, printed as `FILE:LINE:COL: error: message`.</summary>
    public IReadOnlyList<SpecDiagnostic> Failures()
    {
        var act = () => SpecLoader.Load(StackDir);
        return act.Should().Throw<SpecException>().Which.Diagnostics;
    }

    public IReadOnlyList<string> ErrorTexts() =>
        Failures().Where(d => d.Severity == Severity.Error).Select(d => d.ToString()).ToList();

    public void Dispose() => _folder.Dispose();
}
