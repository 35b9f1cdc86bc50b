namespace Cascade.Pipeline;

internal enum TestOutcome { Passed, Failed, Skipped }

/// <summary>One test case of an image's test stage: an in-container executable, one pytest case, or an
/// integration command. <see cref="Failure"/> says why it failed (or was skipped); <see cref="Output"/> is
/// what it printed (redacted); <see cref="LogPath"/> the file that holds its full output.</summary>
internal sealed record TestCaseResult(string Name, TestOutcome Outcome, TimeSpan Duration, string? Failure, string Output, string LogPath)
{
    public bool Failed => Outcome == TestOutcome.Failed;

    /// <summary>The last <paramref name="count"/> non-empty lines of the output: what a reader of a failure wants first.</summary>
    public IReadOnlyList<string> LastLines(int count = 10) => LastLines(Output, count);

    /// <summary>The last <paramref name="count"/> non-empty lines of any captured output.</summary>
    public static IReadOnlyList<string> LastLines(string output, int count) =>
        output.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Trim().Length > 0).TakeLast(count).ToList();
}

/// <summary>What an image's test stage did: when it started and every case, in run order.</summary>
internal sealed record TestStageResult(DateTimeOffset Started, IReadOnlyList<TestCaseResult> Cases)
{
    public TestCaseResult? FirstFailure => Cases.FirstOrDefault(c => c.Failed);
}
