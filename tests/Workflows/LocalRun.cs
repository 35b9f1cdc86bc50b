using System.Text.Json.Nodes;

namespace Cascade.Tests.Workflows;

/// <summary>One run of a workflow by the local executor (tests/workflows/run.mjs): each job's result, and
/// each job's log for a failed assertion.</summary>
internal sealed class LocalRun
{
    private readonly JsonNode jobs;
    private readonly string output;

    private LocalRun(JsonNode jobs, string output) => (this.jobs, this.output) = (jobs, output);

    /// <summary>Runs <paramref name="workflow"/> of <paramref name="repo"/> for an event at <paramref name="sha"/>.</summary>
    public static async Task<LocalRun> ExecuteAsync(WorkflowRepo repo, string eventName, JsonObject payload, string sha,
        string gitRef, JsonObject? inputs = null, string? headRef = null, string? baseRef = null)
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
                // The loopback registry takes anyone; the workflow logs in with the repository's secrets all the same.
                "--secrets", """{"REGISTRY_USERNAME":"local","REGISTRY_PASSWORD":"local-password"}""",
            };
            if (headRef is not null) args.AddRange(["--head-ref", headRef]);
            if (baseRef is not null) args.AddRange(["--base-ref", baseRef]);
            var result = await WorkflowTools.NodeAsync("run.mjs", args, timeout: TimeSpan.FromMinutes(8));
            var text = result.StandardOutput + result.StandardError;
            result.ExitCode.Should().Be(0, text);
            var jobs = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "out", "results.json")))!["jobs"]!;
            return new LocalRun(jobs, text + Logs(Path.Combine(folder, "out", "runners")));
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

    public override string ToString() => output;

    private static string Logs(string runners) => !Directory.Exists(runners) ? "" : string.Concat(
        Directory.GetDirectories(runners).Order().Select(d => Path.Combine(d, "log.txt")).Where(File.Exists)
            .Select(f => $"\n===== {Path.GetFileName(Path.GetDirectoryName(f))}\n{Tail(File.ReadAllText(f))}"));

    private static string Tail(string text) => text.Length <= 6000 ? text : "…" + text[^6000..];
}
