namespace Cascade.Workflows;

/// <summary>ci.yml, only for a repository with `.ci/run` (Cascade's own): runs the test suite the way
/// .ci/run does on a fresh machine — it installs and starts the Docker engine and a registry itself.</summary>
internal static class TestSuiteWorkflow
{
    public const string FileName = "ci.yml";

    public static Workflow Create() => new()
    {
        Name = "ci",
        On = new()
        {
            ["push"] = new Dictionary<string, object> { ["branches"] = new[] { "main" } },
            ["pull_request"] = new Dictionary<string, object>(),
        },
        Permissions = CommonSteps.ReadOnly(),
        Concurrency = new Concurrency("${{ github.workflow }}-${{ github.event.pull_request.number || github.ref }}",
            "${{ github.event_name == 'pull_request' }}"),
        Jobs = new()
        {
            ["test"] = new Job
            {
                Name = "Test suite (.ci/run)",
                RunsOn = "ubuntu-latest",
                TimeoutMinutes = 30,
                Steps =
                [
                    CommonSteps.Checkout(fullHistory: true),
                    CommonSteps.SetupDotnet(),
                    new Step { Name = "Test", Run = "sudo --preserve-env=PATH,DOTNET_ROOT,HOME bash .ci/run\n" },
                    new Step
                    {
                        Name = "Upload the test results", If = "always()", Uses = PinnedActions.UploadArtifact.Uses,
                        With = new() { ["name"] = "test-results", ["path"] = "TestResults/", ["if-no-files-found"] = "ignore" },
                    },
                ],
            },
        },
    };
}
