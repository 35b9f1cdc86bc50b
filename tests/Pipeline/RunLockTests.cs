using System.Diagnostics;
using Cascade.Pipeline;
using Cascade.Tests.Support;

namespace Cascade.Tests.Pipeline;

/// <summary>The artifacts folder's lock within one process and against a holder file a dead process left.
/// Two real processes meet in tests/Cli/RunLockCliTests.cs.</summary>
public sealed class RunLockTests : IDisposable
{
    private readonly TempFolder _temp = new("cascade-lock-");
    private string folder => _temp.Path;

    public void Dispose() => _temp.Dispose();

    private static RunLockHolder Me(string command = "Build") => RunLockHolder.Current(command, DateTimeOffset.UtcNow);

    [Fact]
    public void A_held_lock_is_not_taken_again_until_it_is_let_go()
    {
        using (var first = RunLock.TryAcquire(folder, Me("Push")))
        {
            first.Should().NotBeNull();
            RunLock.TryAcquire(folder, Me()).Should().BeNull("one holder at a time, even within one process");
            RunLock.ReadHolder(folder).Should().Be(Me("Push") with { Since = RunLock.ReadHolder(folder)!.Since });
        }

        File.Exists(Path.Combine(folder, RunLock.HolderFileName)).Should().BeFalse("the holder crosses itself out when it lets go");
        using var second = RunLock.TryAcquire(folder, Me());
        second.Should().NotBeNull("the first holder let go");
    }

    [Fact]
    public async Task Without_wait_a_held_lock_fails_at_once_naming_the_holder()
    {
        using var held = RunLock.TryAcquire(folder, Me("Push"))!;
        var waited = new List<string>();

        var act = () => RunLock.AcquireAsync(folder, Me(), wait: false, waited.Add, TimeSpan.FromMilliseconds(10), CancellationToken.None);

        (await act.Should().ThrowAsync<RunLockedException>()).Which.Message.Should()
            .Contain($"process {Environment.ProcessId} (Push)").And.Contain("--wait");
        waited.Should().BeEmpty();
    }

    [Fact]
    public async Task With_wait_it_says_whom_it_waits_for_once_and_takes_the_lock_when_it_is_let_go()
    {
        var held = RunLock.TryAcquire(folder, Me("Push"))!;
        var waited = new List<string>();
        var said = new TaskCompletionSource();

        var acquiring = RunLock.AcquireAsync(folder, Me(), wait: true, line => { waited.Add(line); said.TrySetResult(); },
            TimeSpan.FromMilliseconds(10), CancellationToken.None);
        await said.Task.WaitAsync(TimeSpan.FromSeconds(30));
        acquiring.IsCompleted.Should().BeFalse("the lock is still held");
        held.Dispose();
        using var taken = await acquiring.WaitAsync(TimeSpan.FromSeconds(30));

        waited.Should().ContainSingle().Which.Should().StartWith("Waiting for the run working in ").And.Contain($": process {Environment.ProcessId} (Push), started ");
        RunLock.ReadHolder(folder)!.Command.Should().Be("Build");
    }

    [Fact]
    public async Task Waiting_stops_when_cancelled()
    {
        using var held = RunLock.TryAcquire(folder, Me("Push"))!;
        using var cancel = new CancellationTokenSource();

        var acquiring = RunLock.AcquireAsync(folder, Me(), wait: true, _ => cancel.Cancel(), TimeSpan.FromMilliseconds(10), cancel.Token);

        await acquiring.Invoking(a => a).Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public void A_holder_file_a_dead_process_left_names_nobody_and_blocks_nothing()
    {
        using var gone = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        gone.WaitForExit();
        File.WriteAllText(Path.Combine(folder, RunLock.HolderFileName),
            new RunLockHolder(gone.Id, "Push", DateTimeOffset.UtcNow, Environment.MachineName).ToText());
        File.WriteAllText(Path.Combine(folder, RunLock.FileName), "");

        RunLock.ReadHolder(folder).Should().BeNull("that process is gone");
        using var taken = RunLock.TryAcquire(folder, Me());
        taken.Should().NotBeNull("a lock file left behind is no lock: the system let go of it with its process");
        RunLock.ReadHolder(folder)!.ProcessId.Should().Be(Environment.ProcessId);
    }
}
