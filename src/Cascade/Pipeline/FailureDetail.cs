namespace Cascade.Pipeline;

/// <summary>What a reader of a failed image sees first, on the terminal and in CI annotations: the failing
/// test's last lines of output and where its full log is.</summary>
internal static class FailureDetail
{
    public const int TailLines = 10;

    /// <summary>`  | line` for each of the last lines, then `  full log: PATH`; empty when no test failed.</summary>
    public static IReadOnlyList<string> Lines(ImageResult result) =>
        result.FailedTest is not { } test ? []
            : [.. test.LastLines(TailLines).Select(l => "  | " + l), "  full log: " + test.LogPath];
}
