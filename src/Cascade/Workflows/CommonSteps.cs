namespace Cascade.Workflows;

/// <summary>Steps more than one workflow starts with or ends with.</summary>
internal static class CommonSteps
{
    /// <summary>The repository; <paramref name="fullHistory"/> where git must find a merge base.
    /// No credentials are left in .git: nothing after checkout pushes to the repository.</summary>
    public static Step Checkout(bool fullHistory = false) => new()
    {
        Name = "Check out the repository",
        Uses = PinnedActions.Checkout.Uses,
        With = fullHistory
            ? new() { ["fetch-depth"] = 0, ["persist-credentials"] = false }
            : new() { ["persist-credentials"] = false },
    };

    /// <summary>The repository's wiki in ./wiki, where the ledger and the pages live; its credentials stay for the push.</summary>
    public static Step WikiCheckout() => new()
    {
        Name = "Check out the wiki",
        Uses = PinnedActions.Checkout.Uses,
        With = new() { ["repository"] = "${{ github.repository }}.wiki", ["path"] = "wiki", ["persist-credentials"] = true },
    };

    public static Step SetupDotnet() => new()
    {
        Name = "Set up .NET",
        Uses = PinnedActions.SetupDotnet.Uses,
        With = new() { ["global-json-file"] = "global.json" },
    };

    /// <summary>What host-side tests (DataHub's integration_tests) need: pytest, docker and requests for Python.</summary>
    public static Step InstallTestTools() => new()
    {
        Name = "Install the host-side test tools (pytest, python3-docker, python3-requests)",
        // Only what is missing: a self-hosted runner may have them, and apt-get update costs a runner half a minute.
        Run = """
            missing=()
            for package in python3-pytest python3-docker python3-requests; do
              dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
            done
            if (( ${#missing[@]} )); then
              sudo apt-get update -qq
              sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
            fi

            """,
    };

    /// <summary>Build logs, test output, JUnit XML and results.json, kept whatever happened.</summary>
    public static Step UploadArtifacts(string name) => new()
    {
        Name = "Upload logs, JUnit and results.json",
        If = "always()",
        Uses = PinnedActions.UploadArtifact.Uses,
        With = new() { ["name"] = name, ["path"] = "artifacts/", ["if-no-files-found"] = "ignore" },
    };

    public static Step Login(string registry) => new()
    {
        Name = "Log in to the registry",
        Uses = PinnedActions.DockerLogin.Uses,
        With = registry == Stacks.CiSettings.DefaultRegistry
            // ghcr.io takes the run's own token; packages: write is granted only to the jobs that push.
            ? new() { ["registry"] = registry, ["username"] = "${{ github.actor }}", ["password"] = "${{ github.token }}" }
            : new() { ["registry"] = registry, ["username"] = "${{ secrets.REGISTRY_USERNAME }}", ["password"] = "${{ secrets.REGISTRY_PASSWORD }}" },
    };

    public static Dictionary<string, string> ReadOnly() => new() { ["contents"] = "read" };

    public static Dictionary<string, string> Pushing() => new() { ["contents"] = "read", ["packages"] = "write" };
}
