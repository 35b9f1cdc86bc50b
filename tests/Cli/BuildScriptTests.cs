using System.Diagnostics;
using Cascade.Tests.Support;

namespace Cascade.Tests.Cli;

/// <summary>
/// The repository's own ./build.sh, as a user runs it: its stdout is the target's alone, it compiles only when
/// build/ changed, and it hands its process to the build (exec), so a SIGTERM to the script's pid stops the
/// run and removes what it started. The tests share build/'s output, so they run one at a time.
/// </summary>
[Collection(nameof(BuildScriptTests))]
[CollectionDefinition(nameof(BuildScriptTests), DisableParallelization = true)]
public sealed class BuildScriptTests
{
    private static readonly string Script = RepositoryRoot.Combine("build.sh");

    [Fact]
    public async Task Graph_through_build_sh_pipes_the_graph_alone()
    {
        using var repo = DiamondPlanTests.CreateDiamond();

        var run = await RunScriptAsync(repo.Root, "Graph", "--format", "dot");

        run.ExitCode.Should().Be(0, run.ToString());
        run.Stdout.Should().StartWith("digraph stack {", "stdout carries no banner of the shell, the SDK or the engine").And.EndWith("}\n");
    }

    [Fact]
    public async Task The_first_compile_says_so_a_warm_start_does_not_compile_and_a_change_under_build_does()
    {
        using var repo = DiamondPlanTests.CreateDiamond();
        var stamp = RepositoryRoot.Combine(".nuke", "temp", "build.stamp");
        File.Delete(stamp); // as in a fresh clone
        var first = await RunScriptAsync(repo.Root, "Graph");
        first.ExitCode.Should().Be(0, first.ToString());
        first.Stderr.Should().Contain("First run: compiling").And.Contain("takes one to two minutes").And.Contain("only when its sources change");
        File.Exists(stamp).Should().BeTrue("build.sh writes a stamp after compiling");
        var program = File.ReadAllText(stamp).Trim();
        File.Exists(program).Should().BeTrue($"the stamp names the built program, {program}");

        var warm = await RunScriptAsync(repo.Root, "Graph");

        warm.ExitCode.Should().Be(0, warm.ToString());
        warm.Stderr.Should().NotContain("Compiling", "nothing under build/ changed since the stamp");

        // A source newer than the stamp (as an edit or a checkout makes it): the next run compiles again.
        File.SetLastWriteTimeUtc(stamp, File.GetLastWriteTimeUtc(RepositoryRoot.Combine("build", "Build.cs")).AddMinutes(-1));
        var changed = await RunScriptAsync(repo.Root, "Graph");

        changed.ExitCode.Should().Be(0, changed.ToString());
        changed.Stderr.Should().Contain("Compiling").And.NotContain("First run", "only a missing stamp is a first run");
        changed.Stdout.Should().StartWith("graph TD");
    }

    [Trait(Needs.Trait, Needs.Docker)]
    [Theory]
    [InlineData("TERM", 143)]
    [InlineData("INT", 130)] // Ctrl-C
    public async Task A_signal_to_build_sh_mid_build_leaves_no_process_and_no_container_and_exits_128_plus_its_number(string signal, int exitCode)
    {
        using var repo = new CliRepo();
        var owner = $"cascade-term-{Guid.NewGuid():N}"[..24];
        var marker = Guid.NewGuid().ToString("N");
        repo.Write("images/spec.yml", $"owner: {owner}\nimages:\n  slow: {{}}\n")
            .Write("images/slow/Dockerfile",
                $"FROM scratch\nLABEL cascade.test.stack={owner}\nCOPY busybox /bin/busybox\n" +
                $"RUN [\"/bin/busybox\",\"sh\",\"-c\",\"/bin/busybox sleep 120 && echo {marker}\"]\n");
        File.Copy("/bin/busybox", repo.PathOf("images/slow/busybox"));
        repo.Commit("slow");
        try
        {
            using var script = StartScript(repo.Root, "Build", "--all", "--parallelism", "1");
            await WaitUntilAsync(() => BuildContainers(marker).Count > 0, TimeSpan.FromMinutes(3), () => $"the RUN step never started:\n{script.Output}");

            Process.Start("kill", ["-" + signal, script.Process.Id.ToString()])!.WaitForExit();

            await WaitUntilAsync(() => script.Process.HasExited && ProcessesMentioning(repo.Root).Count == 0 && BuildContainers(marker).Count == 0,
                TimeSpan.FromSeconds(10), () => $"still there 10 s after SIG{signal}: processes " +
                    $"{string.Join(", ", ProcessesMentioning(repo.Root))}, containers {string.Join(", ", BuildContainers(marker))}\n{script.Output}");
            script.Process.ExitCode.Should().Be(exitCode, $"a run stopped by SIG{signal} exits as a shell reports it, 128 + the signal's number\n{script.Output}");
        }
        finally
        {
            // Only when the test failed is anything left: the processes it started (they name its repository) and their build.
            foreach (var pid in ProcessesMentioning(repo.Root))
                try { Process.GetProcessById(pid).Kill(entireProcessTree: true); } catch (ArgumentException) { } catch (InvalidOperationException) { }
            foreach (var id in BuildContainers(marker)) DockerTestCleanup.Docker("rm", "-f", id);
            DockerTestCleanup.RemoveImagesWithPrefix(owner);
        }
    }

    private static IReadOnlyList<string> BuildContainers(string marker) =>
        DockerTestCleanup.Docker("ps", "-a", "--no-trunc", "--format", "{{.ID}} {{.Command}}")
            .Where(line => line.Contains(marker, StringComparison.Ordinal)).Select(line => line.Split(' ')[0]).ToList();

    /// <summary>Processes whose command line names the test's repository (every one the script started does: --root).</summary>
    private static IReadOnlyList<int> ProcessesMentioning(string text)
    {
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                if (File.ReadAllText(Path.Combine(dir, "cmdline")).Contains(text, StringComparison.Ordinal)) found.Add(pid);
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        return found;
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan limit, Func<string> explain)
    {
        using var deadline = new CancellationTokenSource(limit);
        while (!condition())
        {
            if (deadline.IsCancellationRequested) throw new Xunit.Sdk.XunitException(explain());
            await Task.Delay(100);
        }
    }

    private static async Task<CascadeRun> RunScriptAsync(string root, params string[] args)
    {
        using var script = StartScript(root, args);
        await script.Process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(3)).Token);
        return new CascadeRun(script.Process.ExitCode, await script.Stdout, await script.Stderr, args);
    }

    private sealed record RunningScript(Process Process, Task<string> Stdout, Task<string> Stderr) : IDisposable
    {
        public string Output => $"--- stdout ---\n{(Stdout.IsCompleted ? Stdout.Result : "(running)")}\n--- stderr ---\n{(Stderr.IsCompleted ? Stderr.Result : "(running)")}";

        public void Dispose()
        {
            if (!Process.HasExited) Process.Kill(entireProcessTree: true);
            Process.Dispose();
        }
    }

    private static RunningScript StartScript(string root, params string[] args)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = root };
        start.ArgumentList.Add(Script);
        foreach (var a in args) start.ArgumentList.Add(a);
        start.ArgumentList.Add("--root");
        start.ArgumentList.Add(root);
        foreach (var name in CascadeProcess.UnsetVariables) start.Environment.Remove(name);
        start.Environment["NO_COLOR"] = "1";
        start.Environment["TERM"] = "dumb";
        var process = Process.Start(start)!;
        return new RunningScript(process, process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());
    }
}
