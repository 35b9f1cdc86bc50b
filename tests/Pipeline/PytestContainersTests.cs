using Cascade.Pipeline;
using Cascade.Reports;
using Cascade.Stacks;
using Cascade.Tests.Support;

namespace Cascade.Tests.Pipeline;

/// <summary>Containers that pytest tests start are theirs to remove; what they leave — a test that forgot, a
/// pytest killed at the time limit — Cascade removes after the image's pytest run, and nothing else.</summary>
public sealed class PytestContainersTests
{
    private static readonly string Conftest = Path.Combine(AppContext.BaseDirectory, "fixtures", "datahub-pytest", "images", "conftest.py");

    private static StackSpec Spec(BusyboxStack stack, TimeSpan? timeout) => new()
    {
        Directory = stack.Folder, File = Path.Combine(stack.Folder, "spec.yml"), Roots = ["base"],
        Images = [new ImageSpec { Name = "base", Context = "base", Repository = $"{stack.Prefix}-base", Timeout = timeout }],
    };

    private static async Task<ImageResult> RunAsync(BusyboxStack stack, TimeSpan? timeout = null)
    {
        using var engine = await Cascade.Docker.DockerEngine.ConnectAsync(null, CancellationToken.None);
        var spec = Spec(stack, timeout);
        var options = new RunOptions
        {
            Branch = "main", ArtifactsDirectory = Path.Combine(stack.Folder, "artifacts"), UpTo = PipelineStage.Test,
            RepositoryRoot = stack.Folder,
        };
        var result = await new DagScheduler(engine, new PlainRunReporter(TextWriter.Null, ResultsFile.Table), TimeProvider.System)
            .RunAsync(PlanFingerprints.Request(spec, new StackGraph(spec), ["base"], options), CancellationToken.None);
        return result["base"];
    }

    private static IReadOnlyList<string> ContainersOf(BusyboxStack stack) =>
        DockerTestCleanup.Docker("ps", "-a", "--format", "{{.Names}} {{.Image}}").Where(l => l.Contains(stack.Prefix, StringComparison.Ordinal))
            .Select(l => l.Split(' ')[0]).ToList();

    [Fact]
    public async Task Containers_a_test_leaves_are_removed_after_the_run_and_older_ones_are_left_alone()
    {
        using var stack = new BusyboxStack();
        stack.AddContext("base");
        File.Copy(Conftest, Path.Combine(stack.Folder, "conftest.py"));
        var users = $"{stack.Prefix}-users-own";
        try
        {
            stack.WriteFile("base/test/test_forgets.py", $$"""
                def test_forgets_its_container(docker_client, image_name):
                    docker_client.containers.run(image_name, ["sleep", "300"], detach=True, name="{{stack.Prefix}}-forgotten")
                """);
            var first = await RunAsync(stack);
            first.Status.Should().Be(ImageStatus.Succeeded, first.Reason);
            ContainersOf(stack).Should().BeEmpty();
            File.ReadAllText(Path.Combine(stack.Folder, "artifacts", "base", "tests", "containers-removed.log"))
                .Should().Contain($"{stack.Prefix}-forgotten");

            // A container of the same image that was there before the tests began is not theirs.
            DockerTestCleanup.Docker("run", "-d", "--name", users, first.Reference!, "sleep", "300");
            await Task.Delay(TimeSpan.FromSeconds(1.5)); // the daemon's creation times are whole seconds
            var second = await RunAsync(stack);
            second.IsSuccess.Should().BeTrue(second.Reason);
            second.Tests.Should().NotBeNull("an image reused from the local daemon is tested again");
            ContainersOf(stack).Should().Equal(users);
        }
        finally
        {
            DockerTestCleanup.Docker("rm", "-f", users);
        }
    }

    [Fact]
    public async Task A_pytest_killed_at_the_time_limit_leaves_no_container_behind()
    {
        using var stack = new BusyboxStack();
        stack.AddContext("base");
        File.Copy(Conftest, Path.Combine(stack.Folder, "conftest.py"));
        stack.WriteFile("base/test/test_hangs.py", """
            import time

            def test_hangs(docker_client, image_name):
                c = docker_client.containers.run(image_name, ["sleep", "300"], detach=True)
                time.sleep(300)
                c.remove(force=True)
            """);

        var result = await RunAsync(stack, TimeSpan.FromSeconds(8));

        result.Status.Should().Be(ImageStatus.Failed);
        result.Reason.Should().Be("pytest timed out after 8s");
        ContainersOf(stack).Should().BeEmpty();
    }
}
