namespace Cascade.Pipeline;

/// <summary>
/// How Cascade starts pytest: `pytest` on PATH unless `--pytest` (env PYTEST) says otherwise, e.g.
/// `/usr/bin/python3 -m pytest`. Words are split on whitespace (no quoting): a path with spaces needs a
/// wrapper script or a link.
/// </summary>
internal sealed record PytestCommand(string Program, IReadOnlyList<string> Arguments)
{
    public const string Default = "pytest";

    /// <summary>The Debian packages DataHub's conftest.py needs: pytest itself, and the modules it imports.</summary>
    public const string DebianPackages = "python3-pytest python3-docker python3-requests";

    public static PytestCommand Parse(string? text)
    {
        var words = (string.IsNullOrWhiteSpace(text) ? Default : text).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return new PytestCommand(words[0], words[1..]);
    }

    public string Text => string.Join(' ', [Program, .. Arguments]);

    /// <summary>The arguments of one run: ours first (no .pytest_cache written into the repository, pytest's
    /// JUnit with each case's output and file), then the test files.</summary>
    public IReadOnlyList<string> RunArguments(string junitPath, IEnumerable<string> files) =>
    [
        .. Arguments, "-p", "no:cacheprovider", "-o", "junit_family=xunit1", "-o", "junit_logging=all",
        "--junitxml", junitPath, .. files,
    ];

    /// <summary>Collects without running: imports conftest.py and the modules, as the real run will.</summary>
    public IReadOnlyList<string> CollectArguments(IEnumerable<string> files) =>
        [.. Arguments, "-p", "no:cacheprovider", "--collect-only", "-q", .. files];

    /// <summary>What pytest's process gets besides the caller's: no __pycache__ folders left in the checkout.</summary>
    public static void AddEnvironment(IDictionary<string, string?> environment) => environment["PYTHONDONTWRITEBYTECODE"] = "1";

    /// <summary>pytest's exit codes 0 (all passed) and 5 (nothing collected, which DataHub's runner accepts too).</summary>
    public static bool IsSuccess(int? exitCode) => exitCode is 0 or 5;
}
