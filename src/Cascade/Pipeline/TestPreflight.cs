using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Cascade.Stacks;

namespace Cascade.Pipeline;

/// <summary>What the host lacks to run a run's tests (<see cref="Errors"/>), and files that look like tests but
/// are not run (<see cref="Warnings"/>).</summary>
internal sealed record PreflightReport(IReadOnlyList<string> Errors, IReadOnlyList<string> Warnings);

/// <summary>
/// Before the first build of a run that tests: is every command its host-side tests need there? The first
/// word of each `integration_tests` command must be a command of the host's shell, and pytest must be able to
/// collect each image's pytest modules — which imports conftest.py and the modules, exactly as the real run
/// will, so a missing pytest or a missing `docker` module is found now, not after an hour of building.
/// </summary>
internal sealed partial class TestPreflight(HostCommandRunner host)
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    public async Task<PreflightReport> CheckAsync(StackSpec spec, IReadOnlyCollection<string> images, RunOptions options, CancellationToken ct)
    {
        var discovery = new TestDiscovery(spec);
        var tests = images.ToDictionary(n => n, discovery.For, StringComparer.Ordinal);
        var workDir = options.TestWorkingDirectory(spec);
        var errors = new List<string>();
        errors.AddRange(await MissingCommandsAsync(spec, images, workDir, ct));
        errors.AddRange(await PytestProblemsAsync(spec, tests, options, workDir, ct));
        var warnings = tests.Values.SelectMany(t => t.NotExecutable).DistinctBy(f => f.RelativePath)
            .Select(f => $"{f.RelativePath} starts with #! but is not executable: it is not run as a test (chmod +x to run it in the image)")
            .ToList();
        return new PreflightReport(errors, warnings);
    }

    private async Task<List<string>> MissingCommandsAsync(StackSpec spec, IEnumerable<string> images, string workDir, CancellationToken ct)
    {
        var errors = new List<string>();
        var known = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var image in images.Select(n => spec[n]))
            foreach (var command in image.IntegrationTests)
            {
                if (FirstWord(command) is not { } word) continue;
                if (!known.TryGetValue(word, out var exists))
                    known[word] = exists = (await host.RunAsync("sh", ["-c", "command -v \"$1\"", "sh", word], workDir,
                        new Dictionary<string, string?>(), Limit, ct)).Passed;
                if (!exists)
                    errors.Add($"{image.Name}: integration_tests runs `{command}`, but `{word}` is not a command on this host " +
                               $"(not on PATH, not a shell builtin){InstallHint(word)}");
            }
        return errors;
    }

    private async Task<List<string>> PytestProblemsAsync(StackSpec spec, Dictionary<string, ImageTests> tests, RunOptions options,
        string workDir, CancellationToken ct)
    {
        var withModules = tests.Where(t => t.Value.PytestModules.Count > 0).ToList();
        if (withModules.Count == 0) return [];
        var pytest = PytestCommand.Parse(options.Pytest);
        var version = await host.RunAsync(pytest.Program, [.. pytest.Arguments, "--version"], workDir, new Dictionary<string, string?>(), Limit, ct);
        if (version.NotFound) return [NotFound(pytest, withModules.Select(t => t.Key).ToList())];
        if (!version.Passed)
            return [$"pytest does not start: `{pytest.Text} --version` {(version.TimedOut ? "did not answer" : $"exit {version.ExitCode}")}" +
                    $"{InstallHint("pytest")}\n{Tail(version.Output)}"];
        var branchTag = ImageTags.BranchTag(spec.TagPrefix, options.Branch);
        // Images with the same modules collect the same way: once is enough.
        var groups = withModules.GroupBy(t => string.Join("\n", t.Value.PytestModules.Select(m => m.HostPath))).ToList();
        var problems = new ConcurrentDictionary<int, string>();
        await Parallel.ForEachAsync(groups.Select((g, i) => (Group: g, Index: i)),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Parallelism), CancellationToken = ct },
            async (entry, token) =>
            {
                var (name, imageTests) = entry.Group.First();
                // Nothing is built yet, so no exact reference: the branch tag stands in for a module that reads it on import.
                var env = new Dictionary<string, string?> { [ImageTester.TestImageVariable] = ImageTags.Reference(spec[name].Repository, branchTag) };
                PytestCommand.AddEnvironment(env);
                var files = imageTests.PytestModules.Select(m => PytestRunner.PathFrom(workDir, m.HostPath));
                var outcome = await host.RunAsync(pytest.Program, pytest.CollectArguments(files), workDir, env, Limit, token);
                if (outcome.NotFound || outcome.TimedOut || !PytestCommand.IsSuccess(outcome.ExitCode))
                    problems[entry.Index] = Problem(pytest, outcome, entry.Group.Select(g => g.Key).ToList());
            });
        return problems.OrderBy(p => p.Key).Select(p => p.Value).ToList();
    }

    private static string NotFound(PytestCommand pytest, IReadOnlyList<string> images) =>
        $"pytest not found: `{pytest.Program}` could not be started, and {images.Count} image(s) have pytest modules " +
        $"(test_*.py, *_test.py: {string.Join(", ", images)}). Install it (Debian: apt-get install {PytestCommand.DebianPackages}; " +
        "or pip install pytest docker requests), or point --pytest (env PYTEST) at one, e.g. --pytest \"/usr/bin/python3 -m pytest\"";

    private static string Problem(PytestCommand pytest, HostCommandOutcome outcome, IReadOnlyList<string> images)
    {
        if (outcome.NotFound) return NotFound(pytest, images);
        var who = string.Join(", ", images);
        if (outcome.TimedOut) return $"{who}: `{pytest.Text} --collect-only` did not finish within {Durations.Format(Limit)}";
        var tail = Tail(outcome.Output);
        return MissingModule().Match(outcome.Output) is { Success: true } m
            ? $"{who}: pytest cannot load the tests: No module named '{m.Groups[1].Value}'{InstallHint(m.Groups[1].Value.Split('.')[0], module: true)}\n{tail}"
            : $"{who}: pytest cannot collect the tests (exit {outcome.ExitCode}):\n{tail}";
    }

    private static string Tail(string output) =>
        string.Join("\n", TestCaseResult.LastLines(output, 8).Select(l => "    | " + l));

    /// <summary>The command word of a shell line: past `VAR=value` assignments; null for what cannot be told
    /// without a shell (a subshell, a quoted word, a redirection first).</summary>
    public static string? FirstWord(string command)
    {
        foreach (var word in command.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            if (Assignment().IsMatch(word)) continue;
            return PlainWord().IsMatch(word) ? word : null;
        }
        return null;
    }

    private static string InstallHint(string name, bool module = false) => name switch
    {
        "pytest" or "py.test" => $"; install it: Debian: apt-get install {PytestCommand.DebianPackages}",
        _ when module => $"; install it for pytest's Python: Debian: apt-get install python3-{name.ToLowerInvariant().Replace('_', '-')}, or pip install {name}",
        _ => "",
    };

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*=")]
    private static partial Regex Assignment();

    [GeneratedRegex(@"^[A-Za-z0-9_./+-]+$")]
    private static partial Regex PlainWord();

    [GeneratedRegex(@"No module named '([\w.]+)'")]
    private static partial Regex MissingModule();
}
