using Cascade.Changes;
using Cascade.Docker;
using Cascade.Pipeline;
using Cascade.Registry;
using Cascade.Stacks;

namespace Cascade.Publishing;

/// <summary>How Diff renders its report (Reports does; Publishing only gathers).</summary>
internal interface IDiffRendering
{
    string RenderMarkdown(IReadOnlyList<ImageDiff> diffs);
    string RenderTerminal(IReadOnlyList<ImageDiff> diffs);
}

/// <summary>What Diff was asked: --against (a tag, else <see cref="ImageTags.ReplacedTags"/>), --from (the CI jobs'
/// reports to merge instead of comparing here), --pull-request (the pull request whose comment to keep).</summary>
internal sealed record DiffRequest(string? Against, IReadOnlyList<string> From, int? PullRequest);

/// <summary>
/// `./build.sh Diff`: what a change does to each image — the last run's images (its results.json) each compared with the
/// image it replaces (<see cref="ImageDiffer"/>), and the images spec.yml no longer has — written as diff.json and diff.md
/// in the artifacts folder, printed as a table, added to the job summary, and kept as one pull request comment. With
/// --from, the image jobs' diff.json files are merged instead (the last job of a CI run).
/// </summary>
internal sealed class DiffCommand(StackPlanning planning, RegistryLogins logins, Lazy<RepositoryInfo> repository, ArtifactsFolderLock folderLock,
    string artifactsFolder, IDiffRendering rendering, Func<string, string?> environment, TextWriter stdout, TextWriter log)
{
    /// <summary>The job summary's file (GITHUB_STEP_SUMMARY), when the job asks for one.</summary>
    public string? JobSummary { get; init; }

    public async Task RunAsync(DiffRequest request, CancellationToken ct)
    {
        using var http = RegistryAccess.NewHttpClient();
        // Every check before any work: a bad tag or a missing token fails at once, with nothing written.
        var comment = request.PullRequest is { } number ? PullRequestComment.FromEnvironment(http, environment, number) : null;
        var replaced = new LayerCacheOptions(ReplacedTags(request.Against), planning.Spec.Ci.DefaultBranch);
        if (request.From.Count == 0 && !planning.Spec.Images.Any(i => RepositoryHost.Of(i.Repository) is not null))
            throw new ArgumentException("Diff looks up the images a change replaces in the registry, and the stack names none: " +
                                        "give --registry HOST, or `registry:` in spec.yml.");
        await folderLock.HoldAsync(ct); // its results.json is read, and diff.json and diff.md are written there
        var compared = request.From.Count > 0
            ? DiffFile.Merge(request.From)
            : await CompareLastRunAsync(replaced, ct);
        var diffs = compared.Concat(planning.RemovedImages().Where(n => compared.All(d => d.Name != n))
            .Select(n => new ImageDiff { Name = n, Change = ImageChange.Gone })).ToList();
        await PublishAsync(diffs, comment, ct);
    }

    private static IReadOnlyList<string> ReplacedTags(string? against) =>
        against is not { Length: > 0 } ? ImageTags.ReplacedTags
        : ImageTags.IsCacheTag(against) ? [against]
        : throw new ArgumentException($"--against '{against}' is not a tag: give one such as stable, 2026.1-main or {ImageTags.DefaultBranchPlaceholder}.");

    private async Task<IReadOnlyList<ImageDiff>> CompareLastRunAsync(LayerCacheOptions replaced, CancellationToken ct)
    {
        var results = new ArtifactPaths(artifactsFolder).Results;
        var rows = ResultsFile.Read(results) ?? throw new InvalidOperationException(
            $"{results}: no run to compare. Diff compares the images of the last run: run ./build.sh Build (or Push) first.");
        using var docker = await DockerEngine.ConnectAsync(Environment.GetEnvironmentVariable("DOCKER_HOST"), ct);
        using var access = new RegistryAccess(logins.For);
        var collector = new ImageFactsCollector(docker, access.Client(), logins.ForPush(), log);
        var differ = new ImageDiffer(planning.Spec, access.Client(), collector, replaced, repository.Value.Branch, log);
        var diffs = new List<ImageDiff>();
        // A multi-platform image's platforms each have a row: compared as one image, by its shared tag's row.
        foreach (var row in rows.Where(r => r.Platform is null))
            if (await differ.CompareAsync(row, ct) is { } diff) diffs.Add(diff);
        return diffs;
    }

    private async Task PublishAsync(IReadOnlyList<ImageDiff> diffs, PullRequestComment? comment, CancellationToken ct)
    {
        var markdown = rendering.RenderMarkdown(diffs);
        Directory.CreateDirectory(artifactsFolder);
        DiffFile.Save(Path.Combine(artifactsFolder, DiffFile.FileName), diffs);
        AtomicFile.WriteAllText(Path.Combine(artifactsFolder, DiffFile.MarkdownFileName), markdown);
        stdout.Write(rendering.RenderTerminal(diffs));
        if (JobSummary is { Length: > 0 } summary) File.AppendAllText(summary, markdown + "\n");
        if (comment is not null) log.WriteLine("Diff: " + await comment.KeepAsync(DiffFile.CommentMarker, markdown, ct));
    }
}
