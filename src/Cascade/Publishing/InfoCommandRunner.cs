using Cascade.Docker;
using Cascade.Stacks;

namespace Cascade.Publishing;

/// <summary>One all_info_cmds entry as it ran in an image: its output as the page shows it, and how the command ended.</summary>
internal sealed record InfoRun(InfoOutput Output, ContainerTestOutcome Outcome)
{
    public string Key => Output.Key;

    /// <summary>Why the output cannot fill a tag: the command failed, timed out, or printed nothing but blanks.</summary>
    public string? Problem =>
        Outcome.EngineError is { } refused ? $"could not run ({refused})"
        : Outcome.TimedOut ? "timed out"
        : Outcome.ExitCode != 0 ? $"exited {Outcome.ExitCode?.ToString() ?? "without a code"}{FirstLine}"
        : string.IsNullOrWhiteSpace(Outcome.Output) ? "printed nothing"
        : null;

    // What a failing command said first, for the message: often the reason.
    private string FirstLine =>
        Outcome.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() is { } line
            ? ": " + (line.Length > 200 ? line[..200] + "…" : line) : "";
}

/// <summary>
/// The one way an all_info_cmds entry runs: `/bin/sh -c COMMAND` in a fresh container of the image, removed afterwards,
/// at most <see cref="Timeout"/>. The page's info_cmds and the image's content tags (`tags:`) both run through it, each
/// key once per image.
/// </summary>
internal sealed class InfoCommandRunner(IDockerEngine docker, TextWriter log)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>Each of <paramref name="keys"/> run once in <paramref name="reference"/>, in order.</summary>
    public async Task<IReadOnlyList<InfoRun>> RunAsync(StackSpec spec, ImageSpec image, string reference, IEnumerable<string> keys,
        CancellationToken ct)
    {
        var runs = new List<InfoRun>();
        foreach (var key in keys.Distinct(StringComparer.Ordinal))
        {
            var command = spec.AllInfoCmds[key];
            var outcome = await docker.RunShellCommandAsync(reference, command.Command, Timeout, ct);
            if (!outcome.Passed) log.WriteLine($"  {image.Name}: info command {key} exited {outcome.ExitCode?.ToString() ?? "without a code"}");
            runs.Add(new InfoRun(new InfoOutput(key, command.Description ?? key, command.Command, outcome.Output), outcome));
        }
        return runs;
    }

    /// <summary>The keys whose outputs an image needs: its info_cmds for its page, then its content tags' fields when
    /// they are to be written.</summary>
    public static IEnumerable<string> KeysOf(ImageSpec image, bool contentTags) =>
        contentTags ? image.InfoCmds.Concat(image.ContentTags.SelectMany(t => t.Fields)) : image.InfoCmds;
}
