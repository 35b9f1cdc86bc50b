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

    /// <summary>ci.sign: installs cosign (v3.0.6 at this release) and puts it on PATH.</summary>
    public static readonly PinnedAction CosignInstaller = new("sigstore/cosign-installer", "6f9f17788090df1f26f669e9d70d6ae9567deba6", "v4.1.2");

    /// <summary>ci.sbom: sbom-action's sub-action that only downloads syft (output `cmd`), so one step can scan every pushed image.</summary>
    public static readonly PinnedAction DownloadSyft = new("anchore/sbom-action/download-syft", "e22c389904149dbc22b58101806040fa8d37a610", "v0.24.0");

    public static IReadOnlyList<PinnedAction> All => [Checkout, SetupDotnet, DockerLogin, UploadArtifact, DownloadArtifact, Cache, CosignInstaller, DownloadSyft];
}

/// <summary>An action at a commit; <see cref="Uses"/> is what a step's `uses:` says (the version comment is added by the writer).</summary>
internal sealed record PinnedAction(string Repository, string Sha, string Version)
{
    public string Uses => $"{Repository}@{Sha}";
}
