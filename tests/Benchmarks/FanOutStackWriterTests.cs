using Cascade.Benchmarks;
using Cascade.Stacks;
using Cascade.Tests.Support;

namespace Cascade.Tests.Benchmarks;

public sealed class FanOutStackWriterTests : IDisposable
{
    private readonly TempFolder _temp = new("cascade-fanout-test-");
    private string _folder => _temp.Path;

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Writes_a_root_and_children_that_Cascade_loads_as_a_fan_out()
    {
        var stack = new FanOutStackWriter { ChildCount = 6, SleepSeconds = 5 }.Write(Path.Combine(_folder, "repo"), "abc123");

        stack.Owner.Should().Be("cascade-bench-abc123");
        stack.ChildNames.Should().Equal("fanout-child-1", "fanout-child-2", "fanout-child-3", "fanout-child-4", "fanout-child-5", "fanout-child-6");

        var loaded = SpecLoader.Load(stack.StackDirectory);
        loaded.Warnings.Should().BeEmpty();
        loaded.Spec.Images.Should().HaveCount(7);
        loaded.Spec[FanOutStackWriter.RootName].DependOn.Should().BeEmpty();
        loaded.Spec[FanOutStackWriter.RootName].Repository.Should().Be("cascade-bench-abc123/fanout-root");
        foreach (var child in stack.ChildNames)
            loaded.Spec[child].DependOn.Should().Equal(FanOutStackWriter.RootName);
    }

    [Fact]
    public void Root_is_busybox_from_scratch_labelled_with_the_run_and_children_sleep_with_distinct_labels()
    {
        var stack = new FanOutStackWriter { ChildCount = 3, SleepSeconds = 5 }.Write(Path.Combine(_folder, "repo"), "run42");

        File.ReadAllText(Path.Combine(stack.ContextOf("fanout-root"), "Dockerfile")).Should().Be(
            "FROM scratch\nLABEL cascade.bench.run=run42\nCOPY busybox /bin/busybox\nRUN [\"/bin/busybox\",\"--install\",\"-s\",\"/bin\"]\n");
        new FileInfo(Path.Combine(stack.ContextOf("fanout-root"), "busybox")).Length.Should().Be(new FileInfo("/bin/busybox").Length);

        var children = stack.ChildNames.Select(c => File.ReadAllText(Path.Combine(stack.ContextOf(c), "Dockerfile"))).ToList();
        children[0].Should().Be(
            "ARG BASE_IMAGE=cascade-bench-run42/fanout-root:latest\nFROM ${BASE_IMAGE}\nLABEL cascade.bench.image=fanout-child-1\nRUN sleep 5\n");
        children.Distinct().Should().HaveCount(3, "identical children would share one cached layer");
    }

    [Fact]
    public void The_stack_is_committed_so_Build_with_base_ref_HEAD_sees_nothing_changed()
    {
        var stack = new FanOutStackWriter { ChildCount = 2 }.Write(Path.Combine(_folder, "repo"), "x1");

        DockerlessGit(stack.RepositoryRoot, "rev-list", "--count", "HEAD").Should().Be("1");
        DockerlessGit(stack.RepositoryRoot, "status", "--porcelain").Should().BeEmpty();
    }

    [Theory]
    [InlineData("")]
    [InlineData("Upper")]
    [InlineData("a/b")]
    public void A_run_id_that_cannot_be_part_of_an_image_name_is_refused(string runId)
    {
        var act = () => new FanOutStackWriter().Write(Path.Combine(_folder, "repo"), runId);
        act.Should().Throw<ArgumentException>();
    }

    [Trait(Needs.Trait, Needs.Docker)]
    [Fact]
    public async Task The_sequential_baseline_builds_it_on_the_real_daemon_and_cleanup_removes_every_image()
    {
        var stack = new FanOutStackWriter { ChildCount = 2, SleepSeconds = 0 }.Write(Path.Combine(_folder, "repo"), Guid.NewGuid().ToString("N")[..12]);
        var docker = new DockerCli(new TimedProcess(TimeProvider.System));
        var label = $"label=cascade.bench.run={stack.RunId}";
        try
        {
            var rootTag = stack.Repository(stack.RootName) + ":latest";
            await docker.BuildAsync(stack.ContextOf(stack.RootName), rootTag, new Dictionary<string, string>(), CancellationToken.None);
            foreach (var child in stack.ChildNames)
                await docker.BuildAsync(stack.ContextOf(child), stack.Repository(child) + ":latest",
                    new Dictionary<string, string> { ["BASE_IMAGE"] = rootTag }, CancellationToken.None);

            (await docker.ReferencesUnderAsync(stack.Owner, CancellationToken.None)).Should().BeEquivalentTo(
                "cascade-bench-" + stack.RunId + "/fanout-root:latest",
                "cascade-bench-" + stack.RunId + "/fanout-child-1:latest",
                "cascade-bench-" + stack.RunId + "/fanout-child-2:latest");
            DockerTestCleanup.Docker("images", "-q", "--filter", label).Should().HaveCount(3, "children inherit the root's run label");
            DockerTestCleanup.Docker("inspect", "--format", "{{index .Config.Labels \"cascade.bench.image\"}}", stack.Repository("fanout-child-2"))
                .Should().Equal("fanout-child-2");

            await docker.RemoveStackAsync(stack, CancellationToken.None);

            DockerTestCleanup.Docker("images", "-aq", "--filter", label).Should().BeEmpty();
            (await docker.ReferencesUnderAsync(stack.Owner, CancellationToken.None)).Should().BeEmpty();
        }
        finally
        {
            DockerTestCleanup.RemoveImagesWithPrefix(stack.Owner);
        }
    }

    [Trait(Needs.Trait, Needs.Docker)]
    [Fact]
    public async Task A_failing_build_is_an_error_with_dockers_message()
    {
        var runId = Guid.NewGuid().ToString("N")[..12];
        var context = Path.Combine(_folder, "bad");
        Directory.CreateDirectory(context);
        File.WriteAllText(Path.Combine(context, "Dockerfile"), $"FROM scratch\nLABEL cascade.bench.run={runId}\nCOPY missing-file /x\n");
        var docker = new DockerCli(new TimedProcess(TimeProvider.System));
        try
        {
            var act = () => docker.BuildAsync(context, $"cascade-bench-{runId}/never:latest", new Dictionary<string, string>(), CancellationToken.None);

            (await act.Should().ThrowAsync<BenchmarkException>()).Which.Message.Should().Contain("missing-file");
        }
        finally
        {
            // The LABEL step succeeded before COPY failed: its layer stays behind as an untagged image.
            var leftovers = DockerTestCleanup.Docker("images", "-aq", "--filter", $"label=cascade.bench.run={runId}");
            if (leftovers.Count > 0) DockerTestCleanup.Docker(["rmi", "-f", .. leftovers]);
        }
    }

    private static string DockerlessGit(string dir, params string[] args)
    {
        var psi = new System.Diagnostics.ProcessStartInfo("git") { WorkingDirectory = dir, RedirectStandardOutput = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = System.Diagnostics.Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEnd().Trim();
        p.WaitForExit();
        return output;
    }
}
