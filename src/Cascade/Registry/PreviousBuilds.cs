using System.Text.Json;
using Cascade.Stacks;

namespace Cascade.Registry;

/// <summary>What the registry said of an image's previous build: the first candidate it has (<see cref="Found"/>, with
/// its config's labels), none of them (both null), or why it could not be read (<see cref="Problem"/>).</summary>
internal sealed record PreviousBuild(string? Reference, IReadOnlyDictionary<string, string> Labels, string? Problem)
{
    public static PreviousBuild None { get; } = new(null, new Dictionary<string, string>(), null);

    public bool Found => Reference is not null;
}

/// <summary>
/// Each image's nearest previous build in the registry — this branch's tag, else the default branch's — read without
/// pulling a layer (a manifest and its config, a few KB each), all images at once within
/// <see cref="ExternalBaseDigests.Deadline"/>. What a plan compares an image with: its recorded bases
/// (<see cref="BaseDrift"/>), its fingerprint's inputs (Plan --explain).
/// </summary>
internal static class PreviousBuilds
{
    /// <summary>Where an image's previous build is looked for: this branch's tag, else the default branch's; none for an
    /// image whose repository names no registry.</summary>
    public static IReadOnlyList<string> Candidates(ImageSpec image, string? tagPrefix, string branch, string defaultBranch) =>
        RepositoryHost.Of(image.Repository) is null ? []
            : new[] { branch, defaultBranch }.Distinct(StringComparer.Ordinal)
                .Select(b => ImageTags.Reference(image.Repository, ImageTags.BranchTag(tagPrefix, b))).ToList();

    /// <summary>The previous build of each of <paramref name="images"/>: the first of its <paramref name="candidates"/>
    /// the registry has, of its first platform, else <paramref name="host"/>'s.</summary>
    public static IReadOnlyDictionary<string, PreviousBuild> Read(IReadOnlyCollection<ImageSpec> images,
        Func<ImageSpec, IReadOnlyList<string>> candidates, Platform host, Func<string, RegistryCredentials?> credentialsFor)
    {
        if (images.Count == 0) return new Dictionary<string, PreviousBuild>();
        using var access = new RegistryAccess(credentialsFor);
        using var deadline = new CancellationTokenSource(ExternalBaseDigests.Deadline);
        var client = access.Client(retryDelay: TimeSpan.Zero);
        var lookups = images.Select(async i => (i.Name, Build: await ReadAsync(client, candidates(i), i.Platforms.Count > 0 ? i.Platforms[0] : host, deadline.Token)));
        return Task.WhenAll(lookups).GetAwaiter().GetResult().ToDictionary(l => l.Name, l => l.Build, StringComparer.Ordinal);
    }

    private static async Task<PreviousBuild> ReadAsync(RegistryClient client, IReadOnlyList<string> candidates, Platform platform,
        CancellationToken ct)
    {
        foreach (var candidate in candidates)
        {
            try
            {
                if (await client.ReadImageAsync(ImageReference.Parse(candidate), platform, ct) is { } previous)
                    return new PreviousBuild(candidate, previous.Labels, null);
            }
            catch (Exception e) when (e is RegistryException or HttpRequestException or OperationCanceledException or FormatException or JsonException or ArgumentException)
            {
                var why = e is OperationCanceledException ? $"the registry did not answer within {Durations.Format(ExternalBaseDigests.Deadline)}" : e.Message;
                return PreviousBuild.None with { Problem = $"{candidate} could not be read: {why}" };
            }
        }
        return PreviousBuild.None;
    }
}
