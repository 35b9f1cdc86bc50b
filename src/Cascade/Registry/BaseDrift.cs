using System.Text.Json;
using Cascade.Stacks;

namespace Cascade.Registry;

/// <summary>
/// Which external bases (FROM outside the stack) moved since an image was last built. A build records the digests of
/// the external bases it used on the image (the <see cref="Label"/> label); planning reads that label from the image's
/// previous build in the registry — its config only, a few KB, no layer — and compares it with the digests the plan
/// resolved now. A moved base names both digests in the image's reason. An image built before the label existed, or
/// whose previous build cannot be read, shows no drift: its fingerprint still decides whether it is built.
/// </summary>
internal static class BaseDrift
{
    public const string Label = "cascade.external-bases";

    /// <summary>The label's value: {"reference": "sha256:…"} for each external base whose digest is known; null when none is.</summary>
    public static string? LabelValue(IEnumerable<string> bases, IReadOnlyDictionary<string, string?> digests)
    {
        var known = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var reference in bases)
            if (digests.GetValueOrDefault(reference) is { Length: > 0 } digest) known[reference] = digest;
        return known.Count == 0 ? null : JsonSerializer.Serialize(known);
    }

    /// <summary>The digests a label recorded; empty when there is none or it is not what <see cref="LabelValue"/> writes.</summary>
    public static IReadOnlyDictionary<string, string> Read(string? label)
    {
        if (string.IsNullOrWhiteSpace(label)) return new Dictionary<string, string>();
        try { return JsonSerializer.Deserialize<Dictionary<string, string>>(label) ?? []; }
        catch (JsonException) { return new Dictionary<string, string>(); }
    }

    /// <summary>`base REF moved: OLD → NEW` for each base recorded with another digest than it has now.</summary>
    public static IReadOnlyList<string> Moves(IReadOnlyDictionary<string, string> recorded, IEnumerable<string> bases,
        IReadOnlyDictionary<string, string?> digests) =>
        bases.Where(b => recorded.TryGetValue(b, out var old) && digests.GetValueOrDefault(b) is { } now && now != old)
            .Select(b => $"base {b} moved: {recorded[b]} → {digests[b]}")
            .ToList();

    /// <summary>Where an image's previous build is looked for: this branch's tag, else the default branch's; none for an
    /// image whose repository names no registry.</summary>
    public static IReadOnlyList<string> PreviousBuilds(ImageSpec image, string? tagPrefix, string branch, string defaultBranch) =>
        RepositoryHost.Of(image.Repository) is null ? []
            : new[] { branch, defaultBranch }.Distinct(StringComparer.Ordinal)
                .Select(b => ImageTags.Reference(image.Repository, ImageTags.BranchTag(tagPrefix, b))).ToList();

    /// <summary>For each image with an external base whose digest is known: the moves since its previous build, read
    /// from the first of its <paramref name="candidates"/> the registry has (all images at once, within
    /// <see cref="ExternalBaseDigests.Deadline"/>), of its first platform, else <paramref name="host"/>'s. Images without moves are left out.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Find(IEnumerable<ImageSpec> images,
        Func<ImageSpec, IReadOnlyList<string>> candidates, IReadOnlyDictionary<string, string?> digests, Platform host,
        Func<string, RegistryCredentials?> credentialsFor)
    {
        var checkable = images.Where(i => i.ExternalBases.Any(b => digests.GetValueOrDefault(b) is not null)).ToList();
        if (checkable.Count == 0) return new Dictionary<string, IReadOnlyList<string>>();
        using var access = new RegistryAccess(credentialsFor);
        using var deadline = new CancellationTokenSource(ExternalBaseDigests.Deadline);
        var client = access.Client(retryDelay: TimeSpan.Zero);
        var lookups = checkable.Select(async i => (i.Name, Moves: await MovesAsync(client, i, candidates(i), digests, host, deadline.Token)));
        return Task.WhenAll(lookups).GetAwaiter().GetResult().Where(m => m.Moves.Count > 0)
            .ToDictionary(m => m.Name, m => m.Moves, StringComparer.Ordinal);
    }

    private static async Task<IReadOnlyList<string>> MovesAsync(RegistryClient client, ImageSpec image, IReadOnlyList<string> candidates,
        IReadOnlyDictionary<string, string?> digests, Platform host, CancellationToken ct)
    {
        var platform = image.Platforms.Count > 0 ? image.Platforms[0] : host;
        foreach (var candidate in candidates)
        {
            try
            {
                if (await client.ReadImageAsync(ImageReference.Parse(candidate), platform, ct) is not { } previous) continue;
                return Moves(Read(previous.Labels.GetValueOrDefault(Label)), image.ExternalBases, digests);
            }
            catch (Exception e) when (e is RegistryException or HttpRequestException or OperationCanceledException or FormatException or JsonException or ArgumentException)
            {
                return []; // the previous build cannot be read: no drift to name (the fingerprint still decides)
            }
        }
        return [];
    }
}
