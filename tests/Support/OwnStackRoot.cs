namespace Cascade.Tests.Support;

/// <summary>A temporary NUKE root whose .nuke/parameters.json names the repository's own stack (images/), so a run
/// there describes the repository's build — its schema, its help, its sample stack — while whatever the run writes
/// (the schema, .nuke/temp) lands in the temporary folder, not in the checkout.</summary>
public sealed class OwnStackRoot : IDisposable
{
    public OwnStackRoot()
    {
        Directory.CreateDirectory(Path.Combine(Root, ".nuke"));
        // The stack named in parameters.json is the one the schema describes (one given on the command line is not).
        var stack = System.Text.Json.JsonSerializer.Serialize(RepositoryRoot.Combine("images"));
        File.WriteAllText(Path.Combine(Root, ".nuke", "parameters.json"), $$"""{ "Stack": {{stack}} }""");
    }

    public string Root { get; } = Directory.CreateTempSubdirectory("cascade-own-stack-").FullName;

    public Task<CascadeRun> RunAsync(params string[] arguments) => CascadeProcess.RunAsync(Root, arguments);

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
