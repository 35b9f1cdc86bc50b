namespace Cascade.Engine.Internal;

/// <summary>The one place that decides from the environment whether the build runs on CI, and on which.
/// A variable set to the empty string counts as unset: CI systems write "" for what is not configured.</summary>
internal static class CiHost
{
    /// <summary>CI or GITHUB_ACTIONS is set.</summary>
    public static bool IsServer(IReadOnlyDictionary<string, string> environment) =>
        IsSet(environment, "CI") || IsGitHubActions(environment);

    /// <summary>GitHub Actions sets GITHUB_ACTIONS=true; it reads ::error:: workflow commands from the log.</summary>
    public static bool IsGitHubActions(IReadOnlyDictionary<string, string> environment) => IsSet(environment, "GITHUB_ACTIONS");

    private static bool IsSet(IReadOnlyDictionary<string, string> environment, string name) =>
        environment.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value);
}
