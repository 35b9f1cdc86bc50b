using System.Reflection;

namespace Cascade.Benchmarks;

/// <summary>
/// How to start Cascade as a separate process: a program and the arguments that come before the target,
/// e.g. "dotnet" + ["build/bin/Debug/net10.0/_build.dll"], or the apphost "_build" alone. Benchmarks run
/// Cascade as a whole process so that start-up (runtime, JIT, engine, spec loading) is in every number.
/// </summary>
internal sealed record CascadeCommand(string FileName, IReadOnlyList<string> LeadingArguments)
{
    /// <summary>Colour codes and live views are for people; the measured runs print plain text.</summary>
    private static readonly IReadOnlyDictionary<string, string?> PlainOutput =
        new Dictionary<string, string?> { ["NO_COLOR"] = "1", ["TERM"] = "dumb" };

    /// <summary>"dotnet" + the given _build.dll.</summary>
    public static CascadeCommand ForDll(string dllPath) => new("dotnet", [Path.GetFullPath(dllPath)]);

    /// <summary>The repository's ./build.sh: it compiles only when build/ changed since its stamp, then execs the built program.
    /// Pass `--root` among the arguments so the runs use their own .nuke/.</summary>
    public static CascadeCommand ForBuildScript(string repositoryRoot) => new("bash", [Path.Combine(Path.GetFullPath(repositoryRoot), "build.sh")]);

    /// <summary>The program that is running now, started again: through dotnet when this process is
    /// `dotnet _build.dll`, else its own executable (the apphost that `dotnet run` starts).</summary>
    public static CascadeCommand ForCurrentProcess()
    {
        var process = Environment.ProcessPath ?? throw new InvalidOperationException("the path of the running program is unknown");
        return Path.GetFileNameWithoutExtension(process).Equals("dotnet", StringComparison.OrdinalIgnoreCase)
            ? new CascadeCommand(process, [Assembly.GetEntryAssembly()!.Location])
            : new CascadeCommand(process, []);
    }

    /// <summary>Runs Cascade with <paramref name="arguments"/> (target and parameters) and returns its exit
    /// code, wall time and the ends of its output. Never throws for a non-zero exit: callers decide.</summary>
    public Task<ProcessRun> RunAsync(IEnumerable<string> arguments, string workingDirectory, CancellationToken ct) =>
        RunAsync(arguments, workingDirectory, TimeProvider.System, ct);

    public Task<ProcessRun> RunAsync(IEnumerable<string> arguments, string workingDirectory, TimeProvider clock, CancellationToken ct) =>
        new TimedProcess(clock).RunAsync(FileName, [.. LeadingArguments, .. arguments], workingDirectory, PlainOutput, ct);

    public override string ToString() => string.Join(' ', [FileName, .. LeadingArguments]);
}
