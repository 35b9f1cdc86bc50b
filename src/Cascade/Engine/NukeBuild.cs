namespace Cascade.Engine;

/// <summary>
/// Base class of a build written in NUKE's style: <c>Target</c> properties are the targets, <c>[Parameter]</c>
/// members the parameters. <c>static int Main() => Execute&lt;Build&gt;(x => x.Plan);</c>
/// </summary>
public abstract partial class NukeBuild
{
    private readonly List<(string Name, Target Definition)> _addedTargets = [];
    private bool _targetsFixed;

    /// <summary>--root, else the nearest ancestor of the working directory holding .nuke/.</summary>
    public string RootDirectory { get; internal set; } = "";

    /// <summary>RootDirectory/.nuke/temp: plans, attempt logs and other scratch files live here.</summary>
    public string TemporaryDirectory => Path.Combine(RootDirectory, ".nuke", "temp");

    /// <summary>False on CI (the CI or GITHUB_ACTIONS environment variable is set, not empty).</summary>
    public bool IsLocalBuild { get; internal set; } = true;

    /// <summary>--continue was given: targets that succeeded in the previous attempt are skipped.</summary>
    public bool IsContinue { get; internal set; }

    /// <summary>--verbosity; Normal unless told otherwise.</summary>
    public Verbosity Verbosity { get; internal set; } = Verbosity.Normal;

    /// <summary>The targets named on the command line, or the default targets.</summary>
    public IReadOnlyCollection<string> InvokedTargets { get; internal set; } = [];

    /// <summary>The target names as the command line gave them (empty: the default target), known before
    /// OnBuildCreated adds targets, so a build can tell early what the run will need.</summary>
    public IReadOnlyCollection<string> RequestedTargets { get; internal set; } = [];

    /// <summary>Every target of the invocation, dependencies included, in order: also those --skip or --continue skip.</summary>
    public IReadOnlyCollection<string> ExecutionPlan { get; internal set; } = [];

    /// <summary>The targets that will run, dependencies included, in order; those skipped by --skip/--continue left out.</summary>
    public IReadOnlyCollection<string> ScheduledTargets { get; internal set; } = [];

    /// <summary>The scheduled targets that --skip took out (not those --continue skipped for succeeding before).</summary>
    public IReadOnlyCollection<string> SkippedTargets { get; internal set; } = [];

    /// <summary>Cancelled when Ctrl-C or SIGTERM asks the run to stop: pass it to the work a target does, so that it
    /// stops and removes what it started. No further target starts, and the run exits 130 (SIGINT) or 143 (SIGTERM).</summary>
    protected CancellationToken Stopping => StopToken;

    internal CancellationToken StopToken { get; set; }

    /// <summary>Where the build reports while it works: stderr, beside the engine's headers and summary, so that
    /// stdout carries only what a target produces. Secret parameter values are masked in everything written here.</summary>
    protected TextWriter Out => OutputWriter;

    /// <summary>stdout: a target's product for a pipe (`Graph | dot`), and nothing else. Secrets are masked here too.</summary>
    protected TextWriter StandardOutput => StandardOutputWriter;

    internal TextWriter OutputWriter { get; set; } = Console.Error;

    internal TextWriter StandardOutputWriter { get; set; } = Console.Out;

    /// <summary>
    /// Called after parameters are injected and before targets are resolved: the place to add targets computed
    /// from data with <see cref="AddTarget"/>. An exception here stops the build with its message and exit code 1.
    /// </summary>
    protected virtual void OnBuildCreated() { }

    /// <summary>Called after the targets ran, whether they succeeded or not. An exception here fails the build.</summary>
    protected virtual void OnBuildFinished() { }

    /// <summary>Adds a target that is not a property, e.g. one per image. Only from <see cref="OnBuildCreated"/>.</summary>
    protected void AddTarget(string name, Target definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (_targetsFixed)
            throw new InvalidOperationException($"AddTarget(\"{name}\") came too late: add targets in OnBuildCreated.");
        if (string.IsNullOrWhiteSpace(name) || HasWhiteSpace(name) || name.StartsWith('-'))
            throw new ArgumentException($"'{name}' cannot be a target name: it must be one word that does not start with '-'.", nameof(name));
        _addedTargets.Add((name, definition));
    }

    internal IReadOnlyList<(string Name, Target Definition)> AddedTargets => _addedTargets;

    // A loop, not LINQ's Any: a big stack adds thousands of targets.
    private static bool HasWhiteSpace(string name)
    {
        foreach (var c in name)
            if (char.IsWhiteSpace(c)) return true;
        return false;
    }

    internal void CallOnBuildCreated() => OnBuildCreated();

    internal void CallOnBuildFinished() => OnBuildFinished();

    internal void FixTargets() => _targetsFixed = true;
}
