using Cascade.Benchmarks;
using Cascade.Tests.Support;

namespace Cascade.Tests.Benchmarks;

public class ProcessRunTests
{
    private static readonly string Here = Path.GetTempPath();

    [Fact]
    public async Task Returns_exit_code_both_streams_and_the_time_its_clock_gave_between_start_and_exit()
    {
        // The clock moves 300 ms each time it is read: the run reads it once before the start and once after
        // the exit, so its wall time is one step, whatever this machine's speed.
        var clock = new ManualClock { StepOnEveryReading = TimeSpan.FromMilliseconds(300) };
        var run = await new TimedProcess(clock).RunAsync(
            "sh", ["-c", "echo out; echo err >&2; exit 3"], Here, null, CancellationToken.None);

        run.ExitCode.Should().Be(3);
        run.Succeeded.Should().BeFalse();
        run.WallTime.Should().Be(TimeSpan.FromMilliseconds(300));
        run.TailLines.Should().BeEquivalentTo(["out", "err"]);
        run.Printed("err").Should().BeTrue();
        run.Printed("nothing like this").Should().BeFalse();
    }

    [Fact]
    public async Task Keeps_only_the_first_and_last_lines_of_a_long_output()
    {
        var run = await new TimedProcess(TimeProvider.System) { HeadLines = 3, TailLines = 4 }.RunAsync(
            "sh", ["-c", "i=1; while [ $i -le 1000 ]; do echo line$i; i=$((i+1)); done"], Here, null, CancellationToken.None);

        run.ExitCode.Should().Be(0);
        run.HeadLines.Should().Equal("line1", "line2", "line3");
        run.TailLines.Should().Equal("line997", "line998", "line999", "line1000");
        run.OutputTail.Should().Be("line997\nline998\nline999\nline1000");
    }

    [Fact]
    public async Task Short_output_is_its_own_tail()
    {
        var run = await new TimedProcess(TimeProvider.System) { HeadLines = 3, TailLines = 4 }.RunAsync(
            "sh", ["-c", "echo a; echo b; echo c; echo d; echo e"], Here, null, CancellationToken.None);
        run.HeadLines.Should().Equal("a", "b", "c");
        run.TailLines.Should().Equal("b", "c", "d", "e");
    }

    [Fact]
    public async Task CascadeCommand_puts_its_leading_arguments_first_runs_in_the_folder_and_asks_for_plain_output()
    {
        using var temp = new TempFolder("cascade-cmd-");
        var folder = temp.Path;
        var command = new CascadeCommand("sh", ["-c", "echo \"target=$1 param=$2 colour=$NO_COLOR\"; pwd; exit 7", "sh"]);

        var run = await command.RunAsync(["Plan", "--stack"], folder, CancellationToken.None);

        run.ExitCode.Should().Be(7);
        run.TailLines.Should().Equal("target=Plan param=--stack colour=1", folder);
    }

    [Fact]
    public void ForDll_starts_dotnet_with_the_full_path_of_the_dll()
    {
        var command = CascadeCommand.ForDll("build/bin/_build.dll");
        command.FileName.Should().Be("dotnet");
        command.LeadingArguments.Should().Equal(Path.GetFullPath("build/bin/_build.dll"));
        command.ToString().Should().Be("dotnet " + Path.GetFullPath("build/bin/_build.dll"));
    }

    [Fact]
    public void A_failed_run_becomes_an_error_with_the_end_of_its_output()
    {
        var e = BenchmarkException.Failed("`cascade Plan`", new ProcessRun(2, TimeSpan.FromSeconds(1), ["first"], ["spec.yml:3:1: bad key"]));
        e.Message.Should().Contain("exited with code 2").And.Contain("spec.yml:3:1: bad key");
    }
}
