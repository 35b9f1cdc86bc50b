using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Cascade.Stacks;

namespace Cascade.Changes.Fingerprints;

/// <summary>A parent's part in a fingerprint: its fingerprint value, named for a reader (the name is not hashed).</summary>
internal sealed record ParentInput(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("fingerprint")] string Fingerprint);

/// <summary>An external base's part in a fingerprint: its reference and its digest, null when its registry did not answer.</summary>
internal sealed record BaseInput(
    [property: JsonPropertyName("reference")] string Reference,
    [property: JsonPropertyName("digest")] string? Digest);

/// <summary>
/// What an image's fingerprint is made of, as one record: <see cref="Text"/> is what is hashed (one fact a line), and
/// the same record, as JSON, is the <see cref="Label"/> label of every image built from it, so that a later plan can
/// name which inputs moved since (<see cref="InputsDiff"/>). One rule for both: nothing is hashed that the label
/// does not carry. The parents' names and the Dockerfile's blob id are carried for the reader only: a parent enters
/// by its content, and the Dockerfile is part of the context, whose id already covers it.
/// </summary>
internal sealed record FingerprintInputs(
    [property: JsonPropertyName("format")] int Format,
    [property: JsonPropertyName("platform")] string Platform,
    [property: JsonPropertyName("context")] string Context,
    [property: JsonPropertyName("dockerfile")] string Dockerfile,
    [property: JsonPropertyName("dockerfile_id")] string? DockerfileId,
    [property: JsonPropertyName("build_args")] IReadOnlyDictionary<string, string> BuildArgs,
    [property: JsonPropertyName("parents")] IReadOnlyList<ParentInput> Parents,
    [property: JsonPropertyName("bases")] IReadOnlyList<BaseInput> Bases)
{
    public const string Label = "cascade.fingerprint-inputs";

    private static readonly JsonSerializerOptions LabelJson = new()
    {
        // References and build args stay readable in `docker inspect`: no \u escaping of '+', '<', non-ASCII.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The inputs of <paramref name="image"/>: its parents' fingerprints in depend_on order, its external bases
    /// by digest (<paramref name="baseDigests"/>: null when its registry did not answer).</summary>
    public static FingerprintInputs Of(ImageSpec image, string platform, ContextId context, IReadOnlyList<ImageFingerprint> parents,
        IReadOnlyDictionary<string, string?> baseDigests) =>
        new(Fingerprinter.FormatVersion, platform, context.TreeId, image.Dockerfile, null,
            new SortedDictionary<string, string>(image.BuildArgs.ToDictionary(), StringComparer.Ordinal),
            image.DependOn.Select((name, i) => new ParentInput(name, parents[i].Value)).ToList(),
            image.ExternalBases.Select(b => new BaseInput(b, baseDigests.GetValueOrDefault(b))).ToList());

    /// <summary>These inputs with the Dockerfile's blob id read (<see cref="ContextContent.DockerfileId"/>): what a label carries.</summary>
    public FingerprintInputs WithDockerfileOf(string stackDirectory, ImageSpec image) =>
        this with { DockerfileId = ContextContent.DockerfileId(stackDirectory, image.Context, image.Dockerfile) };

    /// <summary>The text that is hashed: one fact a line, so a change to what enters is easy to review.</summary>
    public string Text()
    {
        var sb = new StringBuilder();
        sb.Append("cascade-fingerprint ").Append(Format).Append('\n');
        sb.Append("platform ").Append(Platform).Append('\n');
        sb.Append("context ").Append(Context).Append('\n');
        sb.Append("dockerfile ").Append(Dockerfile).Append('\n');
        foreach (var (key, value) in BuildArgs.OrderBy(a => a.Key, StringComparer.Ordinal))
            sb.Append("build-arg ").Append(key).Append('=').Append(value).Append('\n');
        // By content alone: renaming a parent in spec.yml does not change what its children are made of.
        foreach (var parent in Parents) sb.Append("parent ").Append(parent.Fingerprint).Append('\n');
        // Unresolved, the reference text alone stands for it (already part of the Dockerfile and build_args).
        foreach (var b in Bases) sb.Append("base ").Append(b.Reference).Append(' ').Append(b.Digest ?? "unresolved").Append('\n');
        return sb.ToString();
    }

    /// <summary>The fingerprint: "sha256:" and the SHA-256 of <see cref="Text"/>.</summary>
    public string Hash() => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Text())));

    /// <summary>The <see cref="Label"/> label's value.</summary>
    public string ToLabel() => JsonSerializer.Serialize(this, LabelJson);

    /// <summary>The inputs a <see cref="Label"/> label recorded; null when there is none or it is not what <see cref="ToLabel"/> writes.</summary>
    public static FingerprintInputs? FromLabel(string? label)
    {
        if (string.IsNullOrWhiteSpace(label)) return null;
        try
        {
            return JsonSerializer.Deserialize<FingerprintInputs>(label, LabelJson) is { Platform: not null, Context: not null, Dockerfile: not null,
                BuildArgs: not null, Parents: not null, Bases: not null } inputs ? inputs : null;
        }
        catch (JsonException) { return null; }
    }

    // Equal inputs are equal whatever collections hold them: a fingerprint computed twice compares equal.
    public bool Equals(FingerprintInputs? other) => other is not null && ToLabel() == other.ToLabel();

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ToLabel());
}
