using Cascade.Registry;
using Cascade.Stacks;

namespace Cascade.Publishing;

/// <summary>Content tags could not be filled: nothing of them was written.</summary>
internal sealed class ContentTagException(string message) : Exception(message);

/// <summary>
/// The content tags (`tags:`) of one Push run's images: each filled from the outputs of the commands that ran in the
/// image (<see cref="InfoCommandRunner"/>), all of them checked before any is written, then written registry-side on
/// the pushed digest (the manifest put again under each tag: no layer moves).
/// </summary>
/// <remarks>Written when the default branch is pushed, and only then: the image is in the daemon and its info_cmds run
/// in it anyway, so its commands cost no pull; a tag such as python-3.11 then follows the default branch as
/// jupyter/docker-stacks' do. Promote stays registry-side, with no engine, and moves only the tags it is given.</remarks>
internal sealed class ContentTags
{
    private readonly List<(ImageSpec Image, ImageReference Pushed, string Digest, IReadOnlyList<string> Tags)> filled = [];
    private readonly List<string> problems = [];

    /// <summary>Whether a Push of <paramref name="branch"/> writes content tags: it is the default branch and some
    /// image has `tags:`.</summary>
    public static bool AreWritten(StackSpec spec, string branch) =>
        branch == spec.Ci.DefaultBranch && spec.Images.Any(i => i.ContentTags.Count > 0);

    /// <summary>Fills <paramref name="image"/>'s templates from <paramref name="runs"/>; a field whose command failed,
    /// printed nothing or did not run is a problem naming the image and the entry.</summary>
    /// <param name="reference">Where the run pushed it (its registry, as --registry may have changed it).</param>
    /// <param name="failure">Why its commands could not run at all (the facts could not be gathered), if so.</param>
    public void Fill(ImageSpec image, string reference, string digest, IReadOnlyList<InfoRun> runs, string? failure = null)
    {
        if (image.ContentTags.Count == 0) return;
        var byKey = runs.ToDictionary(r => r.Key, StringComparer.Ordinal);
        var fields = image.ContentTags.SelectMany(t => t.Fields).Distinct(StringComparer.Ordinal).ToList();
        var found = new List<string>();
        foreach (var key in fields)
        {
            var problem = byKey.TryGetValue(key, out var run) ? run.Problem : failure ?? "did not run (the image was not in the daemon)";
            if (problem is not null) found.Add($"{image.Name}: all_info_cmds entry {key} (for tag {image.ContentTags.First(t => t.Fields.Contains(key)).Text}) {problem}");
        }
        problems.AddRange(found);
        if (found.Count > 0) return;
        var outputs = fields.ToDictionary(k => k, k => byKey[k].Output.Output, StringComparer.Ordinal);
        filled.Add((image, ImageReference.Parse(reference), digest, image.ContentTags.Select(t => t.Fill(outputs)).Distinct(StringComparer.Ordinal).ToList()));
    }

    /// <summary>The tags <paramref name="image"/> gets; none when it has no templates or was not filled.</summary>
    public IReadOnlyList<string> Of(string image) => filled.FirstOrDefault(f => f.Image.Name == image).Tags ?? [];

    /// <summary>Why no content tag may be written: a command of some image could not fill its field. Null when all could.</summary>
    public ContentTagException? Failure => problems.Count == 0 ? null
        : new ContentTagException("No content tag was written: every `tags:` field must come from a command that " +
            "exits 0 and prints something.\n  " + string.Join("\n  ", problems) +
            "\nFix the command in all_info_cmds (or the image), or take the template out of the image's `tags:`.");

    /// <summary>Writes every filled tag on its image's pushed digest; only when there is no <see cref="Failure"/>.</summary>
    public async Task WriteAsync(RegistryClient registry, TextWriter log, CancellationToken ct)
    {
        if (Failure is { } failure) throw failure;
        foreach (var (image, pushed, digest, tags) in filled)
        {
            foreach (var tag in tags) await registry.CopyTagAsync(pushed, digest, tag, ct);
            log.WriteLine($"  {image.Name}: content tags {string.Join(", ", tags)} → {digest}");
        }
    }
}
