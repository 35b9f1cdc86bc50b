using System.Net;
using System.Net.Sockets;
using Cascade.Pipeline;
using Cascade.Tests.Support;

namespace Cascade.Tests.Cli;

/// <summary>
/// One run at a time per artifacts folder, between real processes of the program (whose own build turns .NET's
/// file-lock emulation off, so this is the operating system's lock at work): a second run fails at once naming
/// the first, or waits for it with --wait; read-only targets run beside it; a killed holder blocks nothing.
/// </summary>
public sealed class RunLockCliTests : IDisposable
{
    private readonly CliRepo repo = new();
    // A registry that takes connections and never answers: a Promote against it holds the lock as long as the test wants.
    private readonly TcpListener silentRegistry = new(IPAddress.Loopback, 0);

    public RunLockCliTests()
    {
        silentRegistry.Start();
        repo.Write("images/spec.yml", $"registry: 127.0.0.1:{((IPEndPoint)silentRegistry.LocalEndpoint).Port}\nowner: o\nimages:\n  root: {{}}\n")
            .Write("images/root/Dockerfile", "FROM scratch\n");
        repo.Commit("stack");
    }

    public void Dispose()
    {
        silentRegistry.Dispose();
        repo.Dispose();
    }

    private string Artifacts(string file = "") => repo.PathOf(Path.Combine("artifacts/images", file));

    [Fact]
    public async Task A_second_run_fails_naming_the_first_waits_for_it_with_wait_and_is_not_blocked_once_it_is_killed()
    {
        using var killFirst = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var first = CascadeProcess.Start(repo.Root, ["Promote", "--from-tag", "t", "--to-tag", "s"], killFirst.Token);
        await HolderIs(first.ProcessId);

        var plan = await repo.RunAsync("Plan", "--all");
        plan.ExitCode.Should().Be(0, "Plan only reads: it runs beside another run\n" + plan);

        var second = await repo.RunAsync("Docs");
        second.ExitCode.Should().Be(1, second.ToString());
        second.Output.Should().Contain($"Another Cascade run is working in artifacts/images: process {first.ProcessId} (Promote)")
            .And.Contain("pass --wait to wait for it");
        second.StackTraceLines.Should().BeEmpty(second.ToString());
        Directory.Exists(Artifacts("manifests")).Should().BeFalse("the second run wrote nothing");

        var waiting = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var third = CascadeProcess.Start(repo.Root, ["Docs", "--wait"], limit.Token,
            line => { if (line.StartsWith("Waiting for", StringComparison.Ordinal)) waiting.TrySetResult(line); });
        (await waiting.Task.WaitAsync(limit.Token)).Should().StartWith($"Waiting for the run working in artifacts/images to end: process {first.ProcessId} (Promote), started ");
        File.Exists(Artifacts(RunLock.HolderFileName)).Should().BeTrue();

        // SIGKILL: the first run cannot clean up; its lock file and holder file stay behind.
        await killFirst.CancelAsync();
        await first.Completion.Invoking(c => c).Should().ThrowAsync<OperationCanceledException>();
        var done = await third.Completion;

        done.ExitCode.Should().Be(0, done.ToString());
        done.Output.Should().Contain("Docs: ");
        Directory.Exists(Artifacts("manifests")).Should().BeTrue();
        File.Exists(Artifacts(RunLock.HolderFileName)).Should().BeFalse("the run that took over let go when it ended");
    }

    private async Task HolderIs(int processId)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (RunLock.ReadHolder(Artifacts())?.ProcessId != processId) await Task.Delay(100, limit.Token);
    }
}

/// <summary>Two builds of one stack at once, on the real daemon: the second waits (--wait) and then reuses what the
/// first built, so no image is built twice and their writes to the artifacts folder never interleave.</summary>
[Trait(Needs.Trait, Needs.Docker)]
public sealed class RunLockBuildCliTests : IDisposable
{
    private readonly CliRepo repo = new();
    private readonly string owner = $"cascade-lock-{Guid.NewGuid():N}"[..26];

    public RunLockBuildCliTests()
    {
        // The first run's integration test holds it in its Test stage until the test lets it go.
        repo.Write("images/spec.yml", $"""
                owner: {owner}
                images:
                  base:
                    integration_tests:
                      - 'i=0; while [ ! -f release ] && [ $i -lt 3000 ]; do sleep 0.1; i=$((i+1)); done; test -f release'
                """)
            .Write("images/base/Dockerfile", $"FROM scratch\nLABEL cascade.test.stack={owner}\nCOPY busybox /bin/busybox\n" +
                                             "RUN [\"/bin/busybox\",\"--install\",\"-s\",\"/bin\"]\n");
        File.Copy("/bin/busybox", repo.PathOf("images/base/busybox"));
        repo.Commit("stack");
    }

    public void Dispose()
    {
        DockerTestCleanup.RemoveImagesWithPrefix(owner);
        repo.Dispose();
    }

    [Fact]
    public async Task A_second_build_waits_for_the_first_and_reuses_its_image()
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var first = CascadeProcess.Start(repo.Root, ["Test", "--all", "--results-file", "out/first.json"], limit.Token);
        var waiting = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await HolderIs(first.ProcessId, limit.Token);

        var second = CascadeProcess.Start(repo.Root, ["Build", "--all", "--wait", "--results-file", "out/second.json"], limit.Token,
            line => { if (line.StartsWith("Waiting for", StringComparison.Ordinal)) waiting.TrySetResult(line); });
        (await waiting.Task.WaitAsync(limit.Token)).Should().Contain($"process {first.ProcessId} (Test)");
        File.WriteAllText(repo.PathOf("release"), "");

        var firstRun = await first.Completion;
        var secondRun = await second.Completion;
        firstRun.ExitCode.Should().Be(0, firstRun.ToString());
        secondRun.ExitCode.Should().Be(0, secondRun.ToString());
        Status("out/first.json").Should().Be("succeeded", firstRun.ToString());
        Status("out/second.json").Should().Be("reused", "it looked for the image once the first run was done\n" + secondRun);
        secondRun.Output.Should().NotContain("[base] building");
    }

    private string Status(string results) =>
        System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(repo.PathOf(results)))!["images"]![0]!["status"]!.GetValue<string>();

    private async Task HolderIs(int processId, CancellationToken ct)
    {
        var folder = repo.PathOf("artifacts/images");
        while (RunLock.ReadHolder(folder)?.ProcessId != processId) await Task.Delay(100, ct);
    }
}
