namespace Cascade.Stacks;

/// <summary>A value worked out at most once, on its own thread, started ahead of need where that saves time (git
/// answers while the spec is read) and read where it is needed, waiting for it then. Its errors surface at the reader,
/// as themselves (GetResult, not Result: not wrapped), as they would have without the head start.</summary>
sealed class Background<T>(Func<T> work)
{
    Task<T>? task;

    public bool Started => task is not null;

    /// <summary>Starts the work unless it started already.</summary>
    public void Start() => task ??= Background.Run(work);

    /// <summary>The value: started now if nobody started it, and waited for.</summary>
    public T Value
    {
        get
        {
            Start();
            return task!.GetAwaiter().GetResult();
        }
    }

    /// <summary>Waits for the work if it started, so that what it computes is not computed twice at once.</summary>
    public void WaitIfStarted() => task?.GetAwaiter().GetResult();
}

/// <summary>Work on its own thread.</summary>
static class Background
{
    /// <summary>Its own thread: such work mostly waits on git or the network, and must not take a pool thread from
    /// the parallel Dockerfile checks.</summary>
    public static Task<T> Run<T>(Func<T> work) => Task.Factory.StartNew(work, CancellationToken.None,
        TaskCreationOptions.LongRunning, TaskScheduler.Default);
}
