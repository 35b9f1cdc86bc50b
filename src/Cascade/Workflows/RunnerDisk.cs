namespace Cascade.Workflows;

/// <summary>
/// `ci.free_disk_space: true`: a hosted runner has ~14 GB free, less than a big stack's image, its parent and the
/// build need. Its preinstalled toolchains — Android, Haskell, CodeQL, Swift, Boost, PowerShell, browsers, cached
/// Docker images — take ~25 GB that no image job uses (as jupyter's free-disk-space action and DataHub's purge steps
/// remove them). Never on a self-hosted runner: there they are someone's machine, not a throw-away one. .NET stays.
/// </summary>
internal static class RunnerDisk
{
    private static readonly string[] Preinstalled =
    [
        "/usr/local/lib/android", "/opt/ghc", "/usr/local/.ghcup", "/opt/hostedtoolcache/CodeQL", "/usr/share/swift",
        "/usr/local/share/boost", "/usr/local/share/powershell", "/usr/local/share/chromium", "/opt/microsoft/msedge",
        "/opt/google/chrome", "/opt/az",
    ];

    // RUNNER_ENVIRONMENT is set by the runner itself: github-hosted or self-hosted.
    public static Step FreeSpace() => new()
    {
        Name = "Free disk space: remove the hosted runner's preinstalled toolchains",
        Run = $$"""
            if [[ "${RUNNER_ENVIRONMENT:-}" != github-hosted ]]; then
              echo "not a GitHub-hosted runner: its toolchains stay"
              exit 0
            fi
            df -h / | tail -n 1
            sudo rm -rf {{string.Join(" ", Preinstalled)}}
            docker image prune --all --force > /dev/null
            df -h / | tail -n 1

            """,
    };
}
