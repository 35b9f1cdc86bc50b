using Cascade.Stacks;

namespace Cascade.Tests.Stacks;

/// <summary>A stack folder in a temp directory: spec.yml plus image folders, deleted on dispose.</summary>
internal sealed class TempStack : IDisposable
{
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "cascade-stack-" + Guid.NewGuid().ToString("N")[..12]);

    public TempStack(string specYaml)
    {
        System.IO.Directory.CreateDirectory(Directory);
        File.WriteAllText(Path.Combine(Directory, "spec.yml"), specYaml);
    }

    /// <summary>How messages print spec.yml's path.</summary>
    public string SpecFile => DisplayPath.Of(Path.Combine(Directory, "spec.yml"));

    public string DockerfileDisplay(string folder, string file = "Dockerfile") => DisplayPath.Of(Path.Combine(Directory, folder, file));

    public TempStack Dockerfile(string folder, string text, string file = "Dockerfile")
    {
        var dir = Path.Combine(Directory, folder);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(dir, file))!);
        File.WriteAllText(Path.Combine(dir, file), text);
        return this;
    }

    /// <summary>Image folders whose Dockerfile names no stack image.</summary>
    public TempStack Plain(params string[] folders)
    {
        foreach (var f in folders) Dockerfile(f, "FROM scratch\n");
        return this;
    }

    public SpecLoadResult Load() => SpecLoader.Load(Directory);

    /// <summary>The diagnostics of a load that must fail, printed as `FILE:LINE:COL: error: message`.</summary>
    public IReadOnlyList<SpecDiagnostic> Failures()
    {
        var act = () => SpecLoader.Load(Directory);
        return act.Should().Throw<SpecException>().Which.Diagnostics;
    }

    public IReadOnlyList<string> ErrorTexts() =>
        Failures().Where(d => d.Severity == Severity.Error).Select(d => d.ToString()).ToList();

    public void Dispose()
    {
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
