using System.Text.Json.Nodes;
using Cascade.Tests.Support;
using Cascade.Workflows;

namespace Cascade.Tests.Workflows;

/// <summary>One run of a workflow by the local executor (tests/workflows/run.mjs): whether its `on:` ran it, each
/// job's result, each runner's log, what each image job's Cascade did, and the artifacts the run left.</summary>
internal sealed class LocalRun
{
    private readonly JsonNode jobs;
    private readonly string output;
    private readonly IReadOnlyDictionary<string, string> logs;
    private readonly IReadOnlyDictionary<string, string> statuses;

    private LocalRun(bool triggered, JsonNode jobs, string output, IReadOnlyDictionary<string, string> logs,
        IReadOnlyDictionary<string, string> statuses, IReadOnlyList<string> artifacts)
    {
        (Triggered, this.jobs, this.output, this.logs, this.statuses, Artifacts) = (triggered, jobs, output, logs, statuses, artifacts);
    }

    /// <summary>Whether the workflow's `on:` runs it for this event at all.</summary>
    public bool Triggered { get; }

    /// <summary>The names of the artifacts the run's jobs uploaded.</summary>
    public IReadOnlyList<string> Artifacts { get; }

    /// <summary>Runs <paramref name="workflow"/> of <paramref name="repo"/> for an event at <paramref name="sha"/>.</summary>
    /// <param name="fork">A pull request from a fork: GitHub gives it no secrets.</param>
    /// <param name="apiUrl">GITHUB_API_URL on the runners: a fake of GitHub's API (<see cref="FakeGitHubApi"/>).</param>
    public static async Task<LocalRun> ExecuteAsync(WorkflowRepo repo, string eventName, JsonObject payload, string sha,
        string gitRef, JsonObject? inputs = null, string? headRef = null, string? baseRef = null, bool fork = false, string? apiUrl = null)
    {
        var folder = Directory.CreateTempSubdirectory("cascade-run-").FullName;
        try
        {
            var payloadFile = Path.Combine(folder, "event.json");
            File.WriteAllText(payloadFile, payload.ToJsonString());
            var args = new List<string>
            {
                "--repo", repo.Git.Root, "--workflow", WorkflowRepo.Workflow, "--event", eventName, "--payload", payloadFile,
                "--sha", sha, "--ref", gitRef, "--out", Path.Combine(folder, "out"), "--clean-prefix", repo.RepositoryPrefix,
                "--inputs", (inputs ?? new JsonObject()).ToJsonString(), "--wiki", repo.Wiki.Root,
                // GitHub's cache outlives a run: the repository's runs share one.
                "--cache", repo.Cache,
                "--sigstore", repo.Sigstore,
                // The loopback registry takes anyone; the workflow logs in with the repository's secrets all the same.
                "--secrets", fork ? "{}" : """{"REGISTRY_USERNAME":"local","REGISTRY_PASSWORD":"local-password"}""",
            };
            if (headRef is not null) args.AddRange(["--head-ref", headRef]);
            if (baseRef is not null) args.AddRange(["--base-ref", baseRef]);
            if (apiUrl is not null) args.AddRange(["--api-url", apiUrl]);
            var result = await WorkflowTools.NodeAsync("run.mjs", args, timeout: TimeSpan.FromMinutes(8), environment: repo.RunnerEnvironment);
            var text = result.StandardOutput + result.StandardError;
            result.ExitCode.Should().Be(0, text);
            var results = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "out", "results.json")))!;
            var logs = RunnerLogs(Path.Combine(folder, "out", "runners"));
            var artifacts = Path.Combine(folder, "out", "artifacts");
            return new LocalRun(results["triggered"]!.GetValue<bool>(), results["jobs"]!, text + Tails(logs), logs,
                Statuses(artifacts), Directory.GetDirectories(artifacts).Select(Path.GetFileName).Order().ToList()!);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    public string Result(string jobId) => jobs[jobId]?["result"]?.GetValue<string>() ?? "absent";

    /// <summary>Each image job's result, by image name.</summary>
    public IReadOnlyDictionary<string, string> ImageResults =>
        WorkflowRepo.Images.ToDictionary(i => i, i => Result("image-" + i));

    /// <summary>What each image's own job did with it, from the results.json in its logs' artifact (succeeded: built,
    /// reused, unchanged, failed; absent: the job did not run).</summary>
    public IReadOnlyDictionary<string, string> ImageStatuses =>
        WorkflowRepo.Images.ToDictionary(i => i, i => statuses.GetValueOrDefault(i, "absent"));

    /// <summary>The runners whose job's label starts with <paramref name="jobPrefix"/> (a called workflow's job: `image-root/`), and their logs.</summary>
    public IReadOnlyDictionary<string, string> Logs(string jobPrefix) =>
        logs.Where(l => l.Key.StartsWith(FolderName(jobPrefix), StringComparison.Ordinal)).ToDictionary();

    /// <summary>How many runners built <paramref name="image"/> (Cascade's `[image] building`), across the whole run.</summary>
    public int Builds(string image) => logs.Values.Count(l => l.Contains($"[{image}] building", StringComparison.Ordinal));

    public override string ToString() => output;

    /// <summary>Each runner's log by its folder's name without the number (`plan`, `image-root_image`), in the order they ran.</summary>
    private static Dictionary<string, string> RunnerLogs(string runners) => !Directory.Exists(runners) ? [] :
        Directory.GetDirectories(runners).Select(Path.GetFileName).OrderBy(d => int.Parse(d!.Split('-')[0]))
            .Where(d => File.Exists(Path.Combine(runners, d!, "log.txt")))
            .ToDictionary(d => d![(d.IndexOf('-') + 1)..], d => File.ReadAllText(Path.Combine(runners, d!, "log.txt")));

    // The executor names a runner's folder `N-label`, every run of characters outside [A-Za-z0-9_.-] as one '_'.
    private static string FolderName(string label) => System.Text.RegularExpressions.Regex.Replace(label, "[^A-Za-z0-9_.-]+", "_");

    /// <summary>Each image's status from its own job's results.json, else from the one job of the images the drift
    /// check left out of the plan (ReusedJob).</summary>
    private static Dictionary<string, string> Statuses(string artifacts)
    {
        var statuses = new Dictionary<string, string>();
        foreach (var image in WorkflowRepo.Images)
            if ((Status(artifacts, "cascade-" + image, image) ?? Status(artifacts, "cascade-" + ReusedJob.Name, image)) is { } status)
                statuses[image] = status;
        return statuses;
    }

    private static string? Status(string artifacts, string artifact, string image)
    {
        var file = Path.Combine(artifacts, artifact, "images", "results.json");
        if (!File.Exists(file)) return null;
        var row = JsonNode.Parse(File.ReadAllText(file))!["images"]!.AsArray().FirstOrDefault(r => r!["name"]!.GetValue<string>() == image);
        return row?["status"]!.GetValue<string>();
    }

    private static string Tails(IReadOnlyDictionary<string, string> logs) =>
        string.Concat(logs.Select(l => $"\n===== {l.Key}\n{Tail(l.Value)}"));

    private static string Tail(string text) => text.Length <= 6000 ? text : "…" + text[^6000..];
}
