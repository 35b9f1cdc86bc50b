using Cascade.Stacks;

namespace Cascade.Pipeline;

/// <summary>
/// Line-by-line progress for CI and redirected output: `[image] building…`, each stage's log folded in
/// a `::group::` (collapsed by GitHub Actions, plain text elsewhere), `::error title=image::reason` on failure
/// with the failing test's last lines and log. Logs are printed when their stage ends so parallel images never
/// interleave. <paramref name="closingTable"/> renders the table printed at the end.
/// </summary>
internal sealed class PlainRunReporter(TextWriter output, Func<RunResult, string> closingTable) : IRunReporter
{
    private readonly Lock gate = new();

    public void RunStarting(IReadOnlyList<string> images) =>
        Line(images.Count == 0 ? "nothing to build" : $"{images.Count} image(s) to run: {string.Join(", ", images)}");

    public void StageStarted(string image, PipelineStage stage) => Line($"[{image}] {Verb(stage)}…");

    public void StageFinished(string image, PipelineStage stage, bool succeeded, string? logPath)
    {
        if (logPath is null || !File.Exists(logPath)) return;
        var text = File.ReadAllText(logPath);
        lock (gate)
        {
            output.WriteLine($"::group::{image} {stage.ToText()}");
            output.Write(text.EndsWith('\n') || text.Length == 0 ? text : text + "\n");
            output.WriteLine("::endgroup::");
            output.Flush();
        }
    }

    public void ImageFinished(ImageResult result)
    {
        var took = $"({Durations.Elapsed(result.Duration)})";
        switch (result.Status)
        {
            case ImageStatus.Failed:
                var detail = FailureDetail.Lines(result);
                Line(string.Join("\n", [$"[{result.Name}] failed at {result.Stage?.ToText() ?? "start"} {took}: {result.Reason}", .. detail]));
                Line($"::error title={Escape(result.Name)}::{Escape(string.Join("\n", [result.Reason ?? result.Status.ToText(), .. detail]))}");
                break;
            case ImageStatus.Skipped:
                Line($"[{result.Name}] skipped: {result.Reason}");
                break;
            default:
                Line($"[{result.Name}] {result.Status.ToText()} {took}{(result.Reason is null ? "" : ": " + result.Reason)}");
                break;
        }
    }

    public Task RunFinishedAsync(RunResult result)
    {
        lock (gate)
        {
            output.WriteLine();
            output.Write(closingTable(result));
            output.Flush();
        }
        return Task.CompletedTask;
    }

    internal static string Verb(PipelineStage stage) => stage switch
    {
        PipelineStage.Build => "building",
        PipelineStage.Test => "testing",
        _ => "pushing",
    };

    // Workflow commands end at a newline and treat % specially (GitHub's escaping rules).
    private static string Escape(string s) => s.Replace("%", "%25").Replace("\r", "%0D").Replace("\n", "%0A");

    private void Line(string text)
    {
        lock (gate) { output.WriteLine(text); output.Flush(); }
    }
}
