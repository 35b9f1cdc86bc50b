using Cascade.Stacks;

namespace Cascade.Pipeline;

/// <summary>
/// The command-line values of a run that their types cannot judge: checked before any target starts, each problem a
/// sentence naming the option and what to give instead. Reading the stack here also validates spec.yml (a spec that
/// does not validate throws, listing every error as FILE:LINE:COL), so nothing starts from a spec that did not.
/// </summary>
internal sealed record RunArguments(int Parallelism, string? OnlyPlatform, IReadOnlyList<string> CacheFrom)
{
    /// <summary>The first problem, or null when every value can be used.</summary>
    public string? FirstProblem(StackPlanning planning) => Problems(planning).FirstOrDefault();

    private IEnumerable<string> Problems(StackPlanning planning)
    {
        if (Parallelism < 1)
            yield return $"--parallelism {Parallelism}: at least 1 image must be able to build at once; leave it out for one per processor ({Environment.ProcessorCount}).";
        if (PlatformProblem(planning.Spec) is { } platform) yield return platform;
        if (CacheFromSetting.Parse(CacheFrom, out var problem) is null) yield return $"--cache-from: {problem}.";
        foreach (var name in planning.UnknownImages())
            yield return $"--images: no image '{name}' in {planning.Spec.File}; images are: {string.Join(", ", planning.Spec.Images.Select(i => i.Name))}";
        _ = planning.Spec;
    }

    /// <summary>`--platform`: one of the platforms the stack's images are built for.</summary>
    private string? PlatformProblem(StackSpec spec)
    {
        if (OnlyPlatform is not { Length: > 0 } text) return null;
        if (Platform.TryParse(text, out var problem) is not { } platform) return $"--platform {text}: {problem}.";
        var used = spec.Images.SelectMany(i => i.Platforms).Distinct().ToList();
        if (used.Contains(platform)) return null;
        return used.Count == 0
            ? $"--platform {text}: no image of {spec.File} has platforms:, so each is built for the Docker daemon's platform; leave --platform out."
            : $"--platform {text}: no image of {spec.File} is built for {platform}; its images are built for {string.Join(", ", used)}.";
    }
}
