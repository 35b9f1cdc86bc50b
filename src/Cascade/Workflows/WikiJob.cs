using Cascade.Stacks;

namespace Cascade.Workflows;

/// <summary>
/// The last job of build-test-push.yml: the run's one Push entry in the wiki's ledger (the source of truth of
/// the pages). Each image job's Push, on its own runner, left its entry — with the facts only that runner could
/// gather from its image and engine — in artifacts/&lt;stack&gt;/ledger-entry.json, uploaded as a small artifact of its
/// own; this job downloads them all, `./build.sh RecordEntries` appends one merged entry to the wiki's ledger.json and rewrites
/// the pages, and the wiki is pushed. The wiki has other writers (promote.yml, runs of other branches): git's
/// push refuses anything but a fast-forward, and a refused push records again on top of the wiki as it now is,
/// so no two writers' changes ever interleave and none is lost.
/// </summary>
internal static class WikiJob
{
    public const string Id = "wiki";

    /// <summary>Each image job's entry travels in an artifact of its own, a few KB: the wiki job downloads these, not
    /// every job's logs.</summary>
    public const string EntryArtifact = "cascade-ledger-";
    public const string Downloads = ".cascade/pushed";
    public const int Attempts = 5;

    /// <param name="after">Every job before it — the plan and the image jobs, whatever the layout names them.</param>
    public static Job Create(StackSpec spec, WorkflowOptions options, IEnumerable<string> after) => new()
    {
        Name = "Record the push in the wiki",
        Needs = after.ToList(),
        // When the image jobs are done, whatever became of them (a failure is history too), on pushes, schedules
        // and dispatches that had something to do; a pull request pushes nothing.
        If = $"${{{{ always() && github.event_name != 'pull_request' && needs.{PlanJob.Id}.result == 'success' && needs.{PlanJob.Id}.outputs.count != '0' }}}}",
        RunsOn = WorkflowOptions.RunsOn(spec.Ci.Runner),
        Permissions = new() { ["contents"] = "write" },
        TimeoutMinutes = 15,
        Env = new() { ["CASCADE_STACK"] = options.StackFolder },
        Steps =
        [
            CommonSteps.Checkout(), CommonSteps.WikiCheckout(), .. CascadeProgram.Steps(),
            new Step
            {
                Name = "Download the image jobs' ledger entries",
                Uses = PinnedActions.DownloadArtifact.Uses,
                With = new() { ["pattern"] = EntryArtifact + "*", ["path"] = Downloads },
            },
            new Step { Name = "Append the run's entry to the wiki's ledger, write the pages, push the wiki", Run = RecordAndPublish },
        ],
    };

    /// <summary>The image job's step: its Push's entry (artifacts/&lt;stack&gt;/ledger-entry.json, Reports' Ledger.EntryFileName),
    /// whatever became of the image; a pull request's Test writes none.</summary>
    public static Step UploadEntry(string artifactSuffix) => new()
    {
        Name = "Upload the ledger entry",
        If = "always()",
        Uses = PinnedActions.UploadArtifact.Uses,
        With = new() { ["name"] = EntryArtifact + artifactSuffix, ["path"] = "artifacts/**/ledger-entry.json", ["if-no-files-found"] = "ignore" },
    };

    private static readonly string RecordAndPublish = $"mkdir -p {Downloads}\n" +
        RecordAndPublishScript($"./build.sh RecordEntries --stack \"$CASCADE_STACK\" --from {Downloads} --wiki wiki", "Push of $GITHUB_REF_NAME at ${GITHUB_SHA:0:7}");

    /// <summary>Records into the wiki (checked out in wiki/) and pushes it. The wiki has other writers (promote.yml, runs
    /// of other branches): git refuses anything but a fast-forward, and then this starts again from the wiki as it is
    /// now and records again on top of it. <paramref name="record"/> must be idempotent (RecordEntries is: an entry
    /// already in the ledger is not appended again), since it also runs after a refused push.</summary>
    public static string RecordAndPublishScript(string record, string message) => $$"""
        git -C wiki config user.name "github-actions[bot]"
        git -C wiki config user.email "41898282+github-actions[bot]@users.noreply.github.com"
        branch=$(git -C wiki rev-parse --abbrev-ref HEAD)
        for attempt in $(seq 1 {{Attempts}}); do
          {{record}}
          git -C wiki add -A
          if git -C wiki diff --cached --quiet; then exit 0; fi
          git -C wiki commit -q -m "{{message}}"
          if git -C wiki push -q origin "HEAD:$branch"; then exit 0; fi
          # Another writer pushed first: start again from the wiki as it is now (its ledger has their entry).
          echo "::notice::the wiki moved on while this run recorded; recording again on top of it (attempt $attempt)"
          sleep $((attempt * 3))
          git -C wiki fetch -q origin "$branch"
          git -C wiki reset -q --hard FETCH_HEAD
        done
        echo "::error::could not push the wiki in {{Attempts}} attempts"
        exit 1

        """;
}
