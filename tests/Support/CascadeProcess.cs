using System.Text;
using CliWrap;
using CliWrap.Buffered;

namespace Cascade.Tests.Support;

/// <summary>A run of the program under way: its process id and its end.</summary>
public sealed record RunningCascade(int ProcessId, Task<CascadeRun> Completion);

/// <summary>What one run of the program left behind: exit code and both streams.</summary>
public sealed record CascadeRun(int ExitCode, string Stdout, string Stderr, IReadOnlyList<string> Arguments)
{
    /// <summary>Both streams, for assertions that do not care which one a line went to.</summary>
    public string Output => Stdout + Stderr;

    /// <summary>A message for a failed assertion: the command and everything it printed.</summary>
    public override string ToString() =>
        $"_build {string.Join(' ', Arguments)} → exit {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";

    /// <summary>Lines that betray an unhandled exception rather than a message written for a person.</summary>
    public IReadOnlyList<string> StackTraceLines => Output.Split('\n')
        .Where(l => l.StartsWith("   at ", StringComparison.Ordinal)
                    || System.Text.RegularExpressions.Regex.IsMatch(l, @"\b[A-Z]\w*Exception\b"))
        .ToList();
}

/// <summary>
/// Runs the real program as a user would: a child process `dotnet _build.dll ARGS` with the working
/// directory at <paramref name="root"/> (which must hold .nuke/) and `--root` pointing there. The dll is
/// the build project's assembly, copied next to the tests because the test project references it.
/// The environment is pinned (no colour, not CI) so the output does not depend on who runs the tests.
/// </summary>
public static class CascadeProcess
{
    public static string DllPath { get; } = typeof(Build).Assembly.Location;

    /// <summary>Variables of the calling environment that would change what the program does or prints.</summary>
    public static IReadOnlyList<string> UnsetVariables => Unset;

    private static readonly string[] Unset =
    [
        "GITHUB_ACTIONS", "CI", "TF_BUILD", "GITHUB_STEP_SUMMARY", "GITHUB_OUTPUT", "GITHUB_REF_NAME", "GITHUB_HEAD_REF",
        "GITHUB_SHA", "BASE_REF", "HEAD_REF", "IMAGES", "ALL", "REGISTRY", "REGISTRY_USERNAME", "REGISTRY_PASSWORD",
        "BRANCH", "STACK", "ARTIFACTS", "PARALLELISM", "DOCKER_HOST", "PYTEST", "ONLY_PLATFORM", "CACHE_FROM",
        "AGAINST", "PULL_REQUEST", "GITHUB_TOKEN", "GITHUB_API_URL", "GITHUB_REPOSITORY",
    ];

    public static async Task<CascadeRun> RunAsync(string root, IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string?>? environment = null, TimeSpan? timeout = null)
    {
        var args = Arguments(root, arguments);
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(5));
        var result = await CliWrap.Cli.Wrap("dotnet")
            .WithArguments(args)
            .WithWorkingDirectory(root)
            .WithEnvironmentVariables(Environment(environment))
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(Encoding.UTF8, cts.Token);
        return new CascadeRun(result.ExitCode, result.StandardOutput, result.StandardError, args.Skip(1).ToList());
    }

    /// <summary>A run that goes on while the test does something else: its process id, each line it writes to
    /// stderr as it comes (<paramref name="onErrorLine"/>), and its end. Cancelling <paramref name="ct"/> kills it
    /// (SIGKILL: it gets no chance to clean up), and its completion then throws OperationCanceledException.</summary>
    public static RunningCascade Start(string root, IEnumerable<string> arguments, CancellationToken ct, Action<string>? onErrorLine = null)
    {
        var args = Arguments(root, arguments);
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var task = CliWrap.Cli.Wrap("dotnet")
            .WithArguments(args)
            .WithWorkingDirectory(root)
            .WithEnvironmentVariables(Environment(null))
            .WithValidation(CommandResultValidation.None)
            .WithStandardOutputPipe(PipeTarget.ToStringBuilder(stdout, Encoding.UTF8))
            .WithStandardErrorPipe(PipeTarget.Merge(PipeTarget.ToStringBuilder(stderr, Encoding.UTF8),
                PipeTarget.ToDelegate(line => onErrorLine?.Invoke(line), Encoding.UTF8)))
            .ExecuteAsync(ct);
        async Task<CascadeRun> Completion() =>
            new((await task).ExitCode, stdout.ToString(), stderr.ToString(), args.Skip(1).ToList());
        return new RunningCascade(task.ProcessId, Completion());
    }

    private static List<string> Arguments(string root, IEnumerable<string> arguments)
    {
        var args = new List<string> { DllPath };
        args.AddRange(arguments);
        if (!args.Contains("--root")) args.AddRange(["--root", root]);
        return args;
    }

    private static Dictionary<string, string?> Environment(IReadOnlyDictionary<string, string?>? environment)
    {
        var env = Unset.ToDictionary(v => v, _ => (string?)null);
        env["NO_COLOR"] = "1";
        env["TERM"] = "dumb";
        env["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (k, v) in environment ?? new Dictionary<string, string?>()) env[k] = v;
        return env;
    }

    public static Task<CascadeRun> RunAsync(string root, params string[] arguments) => RunAsync(root, arguments, null);
}
