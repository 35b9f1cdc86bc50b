using System.Linq.Expressions;
using Cascade.Engine;
using Cascade.Tests.Support;

namespace Cascade.Tests.Engine;

public sealed record RunResult<T>(int ExitCode, string Output, T Build);

/// <summary>A temporary project root holding .nuke/, and a way to run a build in it in-process.</summary>
public sealed class EngineFixture : IDisposable
{
    private readonly TempFolder _folder = new("cascade-engine-");

    public EngineFixture() => Directory.CreateDirectory(Path.Combine(Root, ".nuke"));

    public string Root => _folder.Path;
    public string NukeDirectory => Path.Combine(Root, ".nuke");
    public string SchemaPath => Path.Combine(NukeDirectory, "build.schema.json");

    internal RunResult<SampleBuild> Run(params string[] args) => Run(args, new Dictionary<string, string?>());

    internal RunResult<SampleBuild> Run(string[] args, IDictionary<string, string?> environment, string? workingDirectory = null) =>
        Run(new SampleBuild(), args, environment, workingDirectory, x => x.Test);

    internal RunResult<T> Run<T>(T build, string[] args, IDictionary<string, string?>? environment = null,
        string? workingDirectory = null, params Expression<Func<T, Target>>[] defaults) where T : NukeBuild
    {
        var output = new StringWriter();
        var exit = NukeBuild.Run(build, args, output, workingDirectory ?? Root,
            environment ?? new Dictionary<string, string?>(), false, defaults);
        return new RunResult<T>(exit, output.ToString(), build);
    }

    public void WriteParameters(string json) => File.WriteAllText(Path.Combine(NukeDirectory, "parameters.json"), json);

    public void Dispose() => _folder.Dispose();
}
