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

    /// <summary>For each image with an external base whose digest is known: the moves since its previous build
    /// (<see cref="PreviousBuilds"/>, the first of its <paramref name="candidates"/> the registry has). Images without
    /// moves are left out, and so are those whose previous build cannot be read: the fingerprint still decides.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Find(IEnumerable<ImageSpec> images,
        Func<ImageSpec, IReadOnlyList<string>> candidates, IReadOnlyDictionary<string, string?> digests, Platform host,
        Func<string, RegistryCredentials?> credentialsFor)
    {
        var checkable = images.Where(i => i.ExternalBases.Any(b => digests.GetValueOrDefault(b) is not null)).ToDictionary(i => i.Name, StringComparer.Ordinal);
        return PreviousBuilds.Read(checkable.Values, candidates, host, credentialsFor)
            .Select(p => (Name: p.Key, Moves: Moves(Read(p.Value.Labels.GetValueOrDefault(Label)), checkable[p.Key].ExternalBases, digests)))
            .Where(m => m.Moves.Count > 0)
            .ToDictionary(m => m.Name, m => m.Moves, StringComparer.Ordinal);
    }
}
