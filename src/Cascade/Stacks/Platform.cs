using Cascade.Text;

namespace Cascade.Stacks;

/// <summary>
/// A target platform, os/architecture[/variant], in the normal form containerd matches on: aliases become
/// Go's names (x86_64 → amd64, aarch64 → arm64) and a default variant is dropped (linux/arm64/v8 is
/// linux/arm64, linux/amd64/v1 is linux/amd64, linux/arm is linux/arm/v7). Two spellings of one
/// platform are therefore equal.
/// </summary>
internal sealed record Platform(string Os, string Architecture, string? Variant = null)
{
    public static readonly Platform LinuxAmd64 = new("linux", "amd64");
    public static readonly Platform LinuxArm64 = new("linux", "arm64");

    /// <summary>The form the spec is written in: "os/arch[/variant]", e.g. "linux/amd64".</summary>
    public const string Form = "os/arch[/variant], e.g. linux/amd64 or linux/arm64";

    /// <summary>JSON Schema pattern of one platform as written (before normalisation).</summary>
    public const string Pattern = "^[A-Za-z0-9]+/[A-Za-z0-9_-]+(?:/[A-Za-z0-9.]+)?$";

    // Go's GOARCH names, which Docker and the OCI image spec use.
    private static readonly string[] Architectures =
        ["386", "amd64", "arm", "arm64", "loong64", "mips", "mipsle", "mips64", "mips64le", "ppc64", "ppc64le", "riscv64", "s390x", "wasm"];

    private static readonly Dictionary<string, (string Architecture, string? Variant)> Aliases = new(StringComparer.Ordinal)
    {
        ["x86_64"] = ("amd64", null), ["x86-64"] = ("amd64", null), ["aarch64"] = ("arm64", null),
        ["armhf"] = ("arm", "v7"), ["armel"] = ("arm", "v6"), ["i386"] = ("386", null), ["i686"] = ("386", null),
    };

    /// <summary>"linux/arm64", "linux/arm/v7": what TARGETPLATFORM and `docker run --platform` take.</summary>
    public override string ToString() => Variant is null ? $"{Os}/{Architecture}" : $"{Os}/{Architecture}/{Variant}";

    /// <summary>The platform as a tag part: "linux-arm64", "linux-arm-v7".</summary>
    public string TagSuffix => ToString().Replace('/', '-');

    /// <summary>The normal form of <paramref name="text"/>, or null with <paramref name="problem"/> saying why not.</summary>
    public static Platform? TryParse(string text, out string? problem)
    {
        var parts = text.Trim().ToLowerInvariant().Split('/');
        problem = null;
        if (parts.Length is < 2 or > 3 || parts.Any(p => p.Length == 0))
        {
            problem = $"platform \"{text}\" is not of the form {Form}";
            return null;
        }
        var (arch, variant) = Aliases.TryGetValue(parts[1], out var alias) ? alias : (parts[1], null);
        if (parts.Length == 3) variant = parts[2];
        if (!Architectures.Contains(arch))
        {
            problem = $"platform \"{text}\" names an unknown architecture '{parts[1]}' (known: {string.Join(", ", Architectures)}){DidYouMean.Hint(parts[1], Architectures)}";
            return null;
        }
        if (variant is not null && !IsVariant(variant))
        {
            problem = $"platform \"{text}\" has variant '{variant}'; a variant is v and a number, e.g. v7";
            return null;
        }
        return new Platform(parts[0], arch, NormalVariant(arch, variant));
    }

    public static Platform Parse(string text) =>
        TryParse(text, out var problem) ?? throw new FormatException(problem);

    private static bool IsVariant(string v) =>
        v.Length >= 2 && v[0] == 'v' && v[1..].All(c => char.IsAsciiDigit(c) || c == '.');

    // containerd's platforms.Normalize: the architecture's baseline variant is the same as none.
    private static string? NormalVariant(string arch, string? variant) => (arch, variant) switch
    {
        ("arm64", "v8" or "v8.0") => null,
        ("amd64", "v1") => null,
        ("arm", null) => "v7",
        _ => variant,
    };
}
