namespace Cascade.Workflows;

/// <summary>
/// Every action the workflows use, pinned to a full commit SHA with its version as a comment (a tag can be
/// moved; a SHA cannot). The SHAs are those of the releases named, as jupyter/docker-stacks pins them.
/// To update: replace SHA and version here and run ./build.sh GenerateWorkflows.
/// </summary>
internal static class PinnedActions
{
    public static readonly PinnedAction Checkout = new("actions/checkout", "11bd71901bbe5b1630ceea73d27597364c9af683", "v4.2.2");
    public static readonly PinnedAction SetupDotnet = new("actions/setup-dotnet", "67a3573c9a986a3f9c594539f4ab511d57bb3ce9", "v4.3.1");
    public static readonly PinnedAction DockerLogin = new("docker/login-action", "74a5d142397b4f367a81961eba4e8cd7edddf772", "v3.4.0");
    public static readonly PinnedAction UploadArtifact = new("actions/upload-artifact", "ea165f8d65b6e75b540449e92b4886f43607fa02", "v4.6.2");
    public static readonly PinnedAction DownloadArtifact = new("actions/download-artifact", "d3f86a106a0bac45b974a628896c90dbdf5c8093", "v4.3.0");
    public static readonly PinnedAction Cache = new("actions/cache", "5a3ec84eff668545956fd18022155c47e93e2684", "v4.2.3");

    public static IReadOnlyList<PinnedAction> All => [Checkout, SetupDotnet, DockerLogin, UploadArtifact, DownloadArtifact, Cache];
}

/// <summary>An action at a commit; <see cref="Uses"/> is what a step's `uses:` says (the version comment is added by the writer).</summary>
internal sealed record PinnedAction(string Repository, string Sha, string Version)
{
    public string Uses => $"{Repository}@{Sha}";
}
