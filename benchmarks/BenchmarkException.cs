namespace Cascade.Benchmarks;

/// <summary>A benchmark could not measure what it should (a run failed, or did something else than
/// expected): its numbers would mean nothing, so it stops with the command and the end of its output.</summary>
internal sealed class BenchmarkException(string message) : Exception(message)
{
    public static BenchmarkException Failed(string what, ProcessRun run) =>
        new($"{what} exited with code {run.ExitCode}; the end of its output:\n{run.OutputTail}");
}
