namespace Cascade.Workflows;

/// <summary>
/// Cascade compiled once, not in every job. ./build.sh compiles build/ into .nuke/temp/program whenever a file of its
/// sources (build/, and in Cascade's own repository src/Cascade/ and benchmarks/) is newer than its stamp (.nuke/temp/build.stamp, which names the program), and on a fresh runner's checkout
/// every file is. So every job keeps the program in actions/cache under the hash of what it is compiled from
/// (those folders and global.json): the plan job, which every other job needs, finds it or compiles it once and saves it;
/// each later job of the run — and every later run, until build/ changes — restores it and writes the stamp anew
/// (naming the program in this workspace, dated after the checkout), and build.sh runs it without compiling.
///
/// A cache rather than an artifact of the run: restoring either is one download of the same 7 MB (the 17 MB program,
/// compressed) from the same storage, a second or two against a compile of a minute or more, but the cache outlives
/// the run, so the plan job — on every run's critical path — compiles only when build/ changed, not on every run; an
/// artifact would have it compile on every run. NuGet's packages are cached too, for the compiles that remain.
/// </summary>
internal static class CascadeProgram
{
    public const string StepId = "program";
    private const string Temp = ".nuke/temp";

    // runner.arch: an arm64 platform job cannot use an x64 runner's ReadyToRun program; it compiles and saves its own once.
    public const string Key = "cascade-program-${{ runner.os }}-${{ runner.arch }}-${{ hashFiles('build/**', 'src/Cascade/**', 'benchmarks/**', 'global.json') }}";
    public const string NugetKey = "nuget-${{ runner.os }}-${{ hashFiles('**/*.csproj', 'global.json') }}";

    private const string Hit = $"steps.{StepId}.outputs.cache-hit == 'true'";
    private const string Miss = $"steps.{StepId}.outputs.cache-hit != 'true'";

    /// <summary>.NET, then Cascade from the cache (compiled by the first ./build.sh where it is not there yet).</summary>
    /// <param name="when">The condition of the job's steps, if they have one.</param>
    /// <param name="nuget">Whether this job may well be the one that compiles (the plan job): then NuGet's packages come from the cache too.</param>
    public static IEnumerable<Step> Steps(string? when = null, bool nuget = false)
    {
        string? And(string? condition) => when is null ? condition : condition is null ? when : $"{when} && {condition}";
        yield return CommonSteps.SetupDotnet() with { If = when };
        yield return new Step
        {
            Name = "Restore Cascade, compiled from these sources (saved after the job when not there yet)",
            Id = StepId,
            If = when,
            Uses = PinnedActions.Cache.Uses,
            With = new() { ["path"] = $"{Temp}/program\n{Temp}/build.stamp\n", ["key"] = Key },
        };
        if (nuget)
            yield return new Step
            {
                Name = "Restore the NuGet packages (only when Cascade is compiled here)",
                If = And(Miss),
                Uses = PinnedActions.Cache.Uses,
                With = new() { ["path"] = "~/.nuget/packages", ["key"] = NugetKey },
            };
        yield return new Step
        {
            Name = "Start Cascade without compiling: the stamp names the restored program, dated after the checkout",
            If = And(Hit),
            Run = StampScript,
        };
    }

    // The stamp holds the program's full path (the plan job's workspace); the file name is the build project's assembly.
    private const string StampScript = $$"""
        program=$(<{{Temp}}/build.stamp)
        printf '%s\n' "$PWD/{{Temp}}/program/${program##*/}" > {{Temp}}/build.stamp

        """;
}
