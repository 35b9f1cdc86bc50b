using System.Text;
using CliWrap;
using CliWrap.Buffered;

namespace Cascade.Benchmarks;

/// <summary>The docker CLI, as the sequential baseline and the cleanup use it: the baseline is what a
/// single CI job runs (`docker build` one image after another), so it is timed through the real CLI.</summary>
internal sealed class DockerCli(TimedProcess process)
{
    /// <summary>The classic builder, the one Cascade drives through the Engine API: both sides must build the
    /// same way for the ratio to compare scheduling and not builders.</summary>
    private static readonly IReadOnlyDictionary<string, string?> ClassicBuilder =
        new Dictionary<string, string?> { ["DOCKER_BUILDKIT"] = "0" };

    /// <summary>`docker build --force-rm -t TAG [--build-arg K=V]... [--cache-from REF]... CONTEXT`; throws when the build fails.</summary>
    public async Task<ProcessRun> BuildAsync(string context, string tag, IReadOnlyDictionary<string, string> buildArgs, CancellationToken ct,
        IReadOnlyList<string>? cacheFrom = null)
    {
        List<string> args = ["build", "--force-rm", "-t", tag];
        foreach (var (key, value) in buildArgs) args.AddRange(["--build-arg", $"{key}={value}"]);
        foreach (var source in cacheFrom ?? []) args.AddRange(["--cache-from", source]);
        args.Add(context);
        var run = await process.RunAsync("docker", args, context, ClassicBuilder, ct);
        return run.Succeeded ? run : throw BenchmarkException.Failed($"docker build -t {tag} {context}", run);
    }

    /// <summary>The lines a docker command prints, in full (ids, references); throws when it fails.</summary>
    public async Task<IReadOnlyList<string>> LinesAsync(IEnumerable<string> args, CancellationToken ct)
    {
        var result = await Cli.Wrap("docker").WithArguments(args).WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(Encoding.UTF8, ct);
        if (result.ExitCode != 0)
            throw new BenchmarkException($"docker {string.Join(' ', args)} exited with code {result.ExitCode}: {result.StandardError.Trim()}");
        return result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    /// <summary>References (repository:tag) of the images in repositories under <paramref name="owner"/>/.</summary>
    public async Task<IReadOnlyList<string>> ReferencesUnderAsync(string owner, CancellationToken ct) =>
        (await LinesAsync(["images", "--format", "{{.Repository}}:{{.Tag}}"], ct))
            .Where(r => r.StartsWith(owner + "/", StringComparison.Ordinal)).ToList();

    /// <summary>Removes every container and image of one fan-out stack: its containers (which carry the image's
    /// labels), its tagged references, then every image, intermediate ones included, carrying its run label.
    /// Tries each step even when one fails, and reports what was left.</summary>
    public async Task RemoveStackAsync(FanOutStack stack, CancellationToken ct)
    {
        var label = $"label={FanOutStack.RunLabel}={stack.RunId}";
        var problems = new List<string>();
        async Task Try(Func<Task> step)
        {
            try { await step(); } catch (BenchmarkException e) { problems.Add(e.Message); }
        }

        await Try(async () =>
        {
            var containers = await LinesAsync(["ps", "-aq", "--filter", label], ct);
            if (containers.Count > 0) await LinesAsync(["rm", "-f", .. containers], ct);
        });
        await Try(async () =>
        {
            var references = await ReferencesUnderAsync(stack.Owner, ct);
            if (references.Count > 0) await LinesAsync(["rmi", "-f", .. references], ct);
        });
        await Try(async () =>
        {
            var images = (await LinesAsync(["images", "-aq", "--filter", label], ct)).Distinct().ToList();
            if (images.Count > 0) await LinesAsync(["rmi", "-f", .. images], ct);
        });
        if (problems.Count > 0)
            throw new BenchmarkException($"could not remove every image of {stack.Owner}: {string.Join("; ", problems)}");
    }
}
