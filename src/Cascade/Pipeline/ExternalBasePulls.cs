using Cascade.Docker;
using Cascade.Registry;
using Cascade.Stacks;

namespace Cascade.Pipeline;

/// <summary>
/// An image's external bases (FROM outside the stack) as its build will find them in the daemon. The classic builder
/// uses the daemon's copy of a FROM tag without asking the registry, so a base that moved upstream would be built on
/// from its stale copy while the image's labels and fingerprint name the new digest: a copy that is not the digest the
/// plan resolved is pulled again first. With --refresh every base is pulled again, whatever the daemon holds.
/// </summary>
internal sealed class ExternalBasePulls(IDockerEngine docker)
{
    /// <summary>Pulls what must be pulled before <paramref name="image"/> is built. Returns the failure, or null.</summary>
    public async Task<string?> PrepareAsync(ImageSpec image, RunContext run, TextWriter log, CancellationToken ct)
    {
        foreach (var reference in image.ExternalBases)
        {
            if (ReferenceParts.Split(reference).Digest is not null)
            {
                if (run.Options.Refresh) log.WriteLine($"Cascade: --refresh: {reference} is pinned by its digest: it cannot have moved.");
                continue;
            }
            var why = run.Options.Refresh ? "--refresh" : await StaleCopyAsync(reference, run, ct);
            if (why is null) continue;
            log.WriteLine($"Cascade: {why}: pulling {reference} again" + (run.Platform is { } platform ? $" ({platform})" : ""));
            try
            {
                var login = ImageReference.TryParse(reference, out var parsed) ? run.Options.LoginFor(parsed!.Registry) : null;
                await docker.PullAsync(reference, run.Platform, login, ct);
            }
            catch (InvalidOperationException e)
            {
                log.WriteLine("ERROR: " + e.Message);
                return e.Message;
            }
        }
        return null;
    }

    /// <summary>Why the daemon's copy of <paramref name="reference"/> must not be built on: it is not the digest the plan
    /// resolved (the base moved since it was pulled). Null when it is, when the daemon has no copy (the builder pulls
    /// the tag itself) or when the digest is unknown (its registry did not answer: nothing to compare with).</summary>
    private async Task<string?> StaleCopyAsync(string reference, RunContext run, CancellationToken ct)
    {
        if (run.Options.ExternalBaseDigests.GetValueOrDefault(reference) is not { } digest) return null;
        if (await docker.FindImageAsync(reference, ct) is not { } local) return null;
        var current = await docker.FindImageAsync($"{ReferenceParts.Split(reference).Name}@{digest}", ct);
        return current == local ? null : $"the daemon's copy of {reference} is not {digest} (the base moved)";
    }
}
