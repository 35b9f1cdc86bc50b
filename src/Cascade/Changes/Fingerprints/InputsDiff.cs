namespace Cascade.Changes.Fingerprints;

/// <summary>
/// Which of an image's <see cref="FingerprintInputs"/> differ between its previous build and now, one line each, in the
/// order the fingerprint lists them: `build arg PY_VER: 3.11 → 3.12`, `context: images/x/start.sh changed`,
/// `base quay.io/jupyter/minimal-notebook: sha256:ab… → sha256:cd…`, `parent y rebuilt`. An input that did not move
/// is not named.
/// </summary>
internal static class InputsDiff
{
    /// <summary>Digits of a digest shown: enough to tell two apart at a glance.</summary>
    public const int ShortDigest = 12;

    private const string None = "(none)";

    /// <param name="contextFiles">The files that differ between two context tree ids, one line each (`images/x/start.sh
    /// changed`); null when git cannot say (a tree not in this repository).</param>
    public static IReadOnlyList<string> Between(FingerprintInputs before, FingerprintInputs now,
        Func<string, string, IReadOnlyList<string>?> contextFiles)
    {
        var lines = new List<string>();
        if (before.Format != now.Format) lines.Add($"fingerprint format {before.Format} → {now.Format}");
        if (before.Platform != now.Platform) lines.Add($"platform: {before.Platform} → {now.Platform}");
        if (before.Context != now.Context) lines.AddRange(Context(before, now, contextFiles));
        if (before.Dockerfile != now.Dockerfile) lines.Add($"dockerfile: {before.Dockerfile} → {now.Dockerfile}");
        lines.AddRange(Moved(before.BuildArgs, now.BuildArgs, (key, old, @new) => $"build arg {key}: {old ?? None} → {@new ?? None}"));
        lines.AddRange(Parents(before.Parents, now.Parents));
        lines.AddRange(Moved(Bases(before), Bases(now), (reference, old, @new) => $"base {reference}: {Digest(old)} → {Digest(@new)}"));
        return lines;
    }

    private static IEnumerable<string> Context(FingerprintInputs before, FingerprintInputs now,
        Func<string, string, IReadOnlyList<string>?> contextFiles)
    {
        if (contextFiles(before.Context, now.Context) is { } files)
            return files.Count > 0 ? files.Select(f => "context: " + f) : [$"context: tree {before.Context} → {now.Context}"];
        // git has not the previous tree (a shallow clone, another repository): say what can be said.
        var which = before.DockerfileId is { } old && now.DockerfileId is { } current && old != current
            ? $"{now.Dockerfile} changed, and maybe more" : "changed";
        return [$"context: {which} (tree {before.Context} is not in this repository: git cannot name the files)"];
    }

    /// <summary>Each key whose value differs, was added or was removed, in key order; null stands for absent.</summary>
    private static IEnumerable<string> Moved(IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> now,
        Func<string, string?, string?, string> line) =>
        before.Keys.Union(now.Keys).Order(StringComparer.Ordinal)
            .Select(key => (Key: key, Old: before.GetValueOrDefault(key), New: now.GetValueOrDefault(key)))
            .Where(k => k.Old != k.New)
            .Select(k => line(k.Key, k.Old, k.New));

    // A parent by name: renaming one is a removal and an addition; its content moving is a rebuild.
    private static IEnumerable<string> Parents(IReadOnlyList<ParentInput> before, IReadOnlyList<ParentInput> now)
    {
        var old = before.ToDictionary(p => p.Name, p => p.Fingerprint, StringComparer.Ordinal);
        var current = now.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var parent in now)
        {
            if (!old.TryGetValue(parent.Name, out var was)) yield return $"parent {parent.Name} added";
            else if (was != parent.Fingerprint) yield return $"parent {parent.Name} rebuilt";
        }
        foreach (var parent in before.Where(p => !current.Contains(p.Name))) yield return $"parent {parent.Name} removed";
    }

    // "unresolved" stands for a base whose registry did not answer: it entered by its reference text.
    private static Dictionary<string, string> Bases(FingerprintInputs inputs) =>
        inputs.Bases.DistinctBy(b => b.Reference).ToDictionary(b => b.Reference, b => b.Digest ?? "unresolved", StringComparer.Ordinal);

    private static string Digest(string? digest) => digest switch
    {
        null => None,
        _ when digest.StartsWith("sha256:", StringComparison.Ordinal) && digest.Length > 7 + ShortDigest => digest[..(7 + ShortDigest)] + "…",
        _ => digest,
    };
}
