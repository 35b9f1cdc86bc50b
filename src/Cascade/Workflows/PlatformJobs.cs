using System.Text.Json;
using Cascade.Stacks;

namespace Cascade.Workflows;

/// <summary>
/// The platform axis of build-test-push.yml. An image with `platforms:` gets one job per platform, each on a
/// runner of that platform (ci.platform_runners) doing `Push --platform P` (Test on a pull request), then a merge
/// job — the image's own job id, `image-NAME` — that needs them all, runs only when every one succeeded, and
/// writes the index (cascade-index.yml). Descendants need the merge job, as they need any parent's job: one
/// platform failing skips the merge, so no half index is published and everything below is skipped, on every
/// platform (as in a local run, where a platform that fails fails the image). Needing the same platform's job
/// instead would start a child's other platforms earlier only to throw their work away at the child's merge.
/// </summary>
internal static class PlatformJobs
{
    /// <summary>Whether the stack has an image with platforms: only then do the workflows carry the platform axis,
    /// so a stack without any is generated exactly as before it existed.</summary>
    public static bool Needed(StackSpec spec) => spec.Images.Any(i => i.Platforms.Count > 0);

    /// <summary>`platform-NAME-os-arch`: apart from every `image-` id; unique, since the platform part always has
    /// os and a known architecture.</summary>
    public static string JobId(JobIds ids, string image, Platform platform) =>
        "platform-" + ids[image]["image-".Length..] + "-" + platform.TagSuffix.Replace('.', '_');

    /// <summary>Adds <paramref name="image"/>'s platform jobs — each <paramref name="imageJob"/> with its platform and
    /// runner — and its merge job under <paramref name="mergeId"/>.</summary>
    public static void Add(Dictionary<string, Job> jobs, StackSpec spec, JobIds ids, string image, Job imageJob, string mergeId)
    {
        var platformIds = new List<string>();
        foreach (var platform in spec[image].Platforms)
        {
            var id = JobId(ids, image, platform);
            platformIds.Add(id);
            jobs[id] = imageJob with
            {
                With = new(imageJob.With!)
                {
                    ["platform"] = platform.ToString(),
                    // The spec's check made sure every platform an image is built for has runners.
                    ["runs-on"] = JsonSerializer.Serialize(spec.Ci.RunnerFor(platform)!),
                },
            };
        }
        jobs[mergeId] = new Job
        {
            Needs = platformIds,
            If = $"${{{{ !cancelled(){string.Concat(platformIds.Select(p => $" && needs.{p}.result == 'success'"))} }}}}",
            Permissions = CommonSteps.Pushing(),
            Uses = $"./{WorkflowOptions.Directory}/{IndexWorkflow.FileName}",
            With = new() { ["image"] = image },
            Secrets = ImageWorkflow.Secrets(spec),
        };
    }

    /// <summary>The matrix layout has no platform axis yet: refused, with what to do instead.</summary>
    public static InvalidOperationException MatrixRefused(StackSpec spec, string why) => new(
        $"{why}, and the matrix layout does not take images with platforms yet " +
        $"({string.Join(", ", spec.Images.Where(i => i.Platforms.Count > 0).Select(i => i.Name).Take(5))}" +
        $"{(spec.Images.Count(i => i.Platforms.Count > 0) > 5 ? ", …" : "")}). " +
        $"Set ci.layout: jobs (or auto) in {spec.File}: one job per image and platform, and a merge job per image.");
}
