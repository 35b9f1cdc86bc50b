using Cascade.Stacks;
using Spectre.Console;

namespace Cascade.Pipeline;

/// <summary>
/// A terminal's live view: a table of the run's images with their state and elapsed time, redrawn a few
/// times a second while the run goes on, then the closing results table (<paramref name="closingTable"/> renders
/// it) and, for each image whose test failed, that test's last lines and the path of its log. Paused, it leaves
/// the table as it stands, so the build can print between stages, and draws it anew below on resuming.
/// </summary>
internal sealed class LiveRunReporter(IAnsiConsole console, TimeProvider clock, Func<RunResult, string> closingTable)
    : IRunReporter, IPausableReporter
{
    private sealed class Row
    {
        public string State = "waiting";
        public long? Started;
        public TimeSpan? Took;
        public bool Failed;
        public bool Succeeded;
    }

    private readonly Lock gate = new();
    private readonly Dictionary<string, Row> rows = new(StringComparer.Ordinal);
    private readonly List<string> order = [];
    private CancellationTokenSource? stop;
    private Task? live;
    private bool finished;

    public TimeSpan RefreshInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    public void RunStarting(IReadOnlyList<string> images)
    {
        lock (gate)
        {
            foreach (var i in images) { order.Add(i); rows[i] = new Row(); }
        }
        if (images.Count > 0) Resume();
    }

    public void Resume()
    {
        lock (gate)
        {
            if (finished || live is not null || order.Count == 0) return;
            var halt = stop = new CancellationTokenSource();
            live = console.Live(Render()).AutoClear(false).StartAsync(async ctx =>
            {
                while (!halt.IsCancellationRequested)
                {
                    ctx.UpdateTarget(Render());
                    try { await Task.Delay(RefreshInterval, halt.Token); } catch (OperationCanceledException) { }
                }
                ctx.UpdateTarget(Render());
            });
        }
    }

    public async Task PauseAsync()
    {
        Task? drawing;
        CancellationTokenSource? halt;
        lock (gate) (drawing, halt, live, stop) = (live, stop, null, null);
        if (halt is null) return;
        await halt.CancelAsync();
        await drawing!;
        halt.Dispose();
    }

    public void StageStarted(string image, PipelineStage stage)
    {
        lock (gate)
        {
            var row = rows[image];
            row.Started ??= clock.GetTimestamp();
            row.State = PlainRunReporter.Verb(stage);
        }
    }

    public void StageFinished(string image, PipelineStage stage, bool succeeded, string? logPath) { }

    public void ImageFinished(ImageResult result)
    {
        lock (gate)
        {
            if (!rows.TryGetValue(result.Name, out var row)) return;
            row.State = result.Status.ToText() + (result.Reason is null ? "" : ": " + result.Reason);
            row.Took = result.Duration;
            row.Failed = result.Status == ImageStatus.Failed;
            row.Succeeded = result.Status == ImageStatus.Succeeded;
        }
    }

    public async Task RunFinishedAsync(RunResult result)
    {
        lock (gate) finished = true;
        await PauseAsync();
        // Straight to the console's writer, not as Spectre text: it would wrap long lines (a log path, a
        // reason) at the terminal's width, and a wrapped path cannot be copied.
        var writer = console.Profile.Out.Writer;
        writer.WriteLine();
        writer.Write(closingTable(result));
        foreach (var failed in result.Images.Where(i => i.FailedTest is not null))
            writer.WriteLine(string.Join("\n", [$"{failed.Name}: {failed.Reason}", .. FailureDetail.Lines(failed)]));
        writer.Flush();
    }

    private Table Render()
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumn("Image").AddColumn("State").AddColumn(new TableColumn("Elapsed").RightAligned());
        lock (gate)
        {
            foreach (var name in order)
            {
                var row = rows[name];
                var elapsed = row.Took ?? (row.Started is { } s ? clock.GetElapsedTime(s) : null);
                var style = row.Failed ? "red" : row.Succeeded ? "green" : row.State == "waiting" ? "grey" : "yellow";
                table.AddRow(new Paragraph(name), new Paragraph(row.State, new Style(Color.FromConsoleColor(StyleColor(style)))),
                    new Paragraph(elapsed is { } e ? Durations.Elapsed(e) : ""));
            }
        }
        return table;
    }

    private static ConsoleColor StyleColor(string name) => name switch
    {
        "red" => ConsoleColor.Red, "green" => ConsoleColor.Green, "grey" => ConsoleColor.Gray, _ => ConsoleColor.Yellow,
    };
}
