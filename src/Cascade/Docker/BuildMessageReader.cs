using System.Text.Json;
using System.Text.RegularExpressions;

namespace Cascade.Docker;

/// <summary>
/// Reads the classic builder's JSON message stream, one message at a time: <c>stream</c> text goes to
/// the log, <c>error</c>/<c>errorDetail</c> fail the build (the HTTP status stays 200 on a failed
/// build, so this is the only place a failure shows), <c>aux.ID</c> or "Successfully built" gives the
/// image id, and each "Step N/M : INSTR" is timed until the next step or the end.
/// </summary>
internal sealed partial class BuildMessageReader(TextWriter log, TimeProvider clock)
{
    private readonly List<BuildStep> _steps = [];
    private string? _currentStep;
    private long _stepStarted;
    private string _partialLine = "";

    public string? ImageId { get; private set; }
    public string? Error { get; private set; }

    /// <summary>The intermediate container of the step running now (" ---> Running in abc123"), so a build
    /// that is stopped midway can remove it at once.</summary>
    public string? RunningContainer { get; private set; }
    public IReadOnlyList<BuildStep> Steps => _steps;

    /// <summary>Whether some step was taken from the build cache (" ---> Using cache").</summary>
    public bool UsedCache => CachedSteps > 0;

    /// <summary>How many steps were taken from the build cache.</summary>
    public int CachedSteps { get; private set; }

    [GeneratedRegex(@"^Step (\d+)/(\d+) : (.*)$")]
    private static partial Regex StepLine();

    [GeneratedRegex(@"^ ---> Running in ([0-9a-f]+)\s*$")]
    private static partial Regex RunningInLine();

    [GeneratedRegex(@"^Successfully built ([0-9a-f]+)\s*$")]
    private static partial Regex SuccessLine();

    /// <summary>Reads every message of <paramref name="stream"/> (concatenated JSON objects).</summary>
    public async Task ReadAllAsync(Stream stream, CancellationToken ct)
    {
        using var reader = new StreamReader(stream);
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            Handle(line);
        }
        Finish();
    }

    /// <summary>Handles one JSON message.</summary>
    public void Handle(string json)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(json); }
        catch (JsonException)
        {
            // Not JSON (a proxy's error page, say): keep it visible rather than drop it.
            WriteLine(json);
            return;
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.TryGetProperty("stream", out var streamText) && streamText.ValueKind == JsonValueKind.String)
                OnStreamText(streamText.GetString()!);
            if (root.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.String)
                WriteLine(status.GetString()!);
            if (root.TryGetProperty("aux", out var aux) && aux.ValueKind == JsonValueKind.Object
                && aux.TryGetProperty("ID", out var id) && id.ValueKind == JsonValueKind.String)
                ImageId = id.GetString();
            var error = ErrorOf(root);
            if (error is not null)
            {
                Error ??= error;
                WriteLine("ERROR: " + error);
            }
        }
    }

    /// <summary>Ends the last step and flushes a partial line.</summary>
    public void Finish()
    {
        if (_partialLine.Length > 0) { OnLine(_partialLine); _partialLine = ""; }
        EndCurrentStep();
    }

    internal static string? ErrorOf(JsonElement root)
    {
        if (root.TryGetProperty("errorDetail", out var detail) && detail.ValueKind == JsonValueKind.Object
            && detail.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String
            && !string.IsNullOrEmpty(message.GetString()))
            return message.GetString();
        if (root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String
            && !string.IsNullOrEmpty(error.GetString()))
            return error.GetString();
        return null;
    }

    // "stream" chunks are not line-aligned; RUN output can split a line across messages.
    private void OnStreamText(string text)
    {
        text = _partialLine + text;
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length - 1; i++) OnLine(lines[i].TrimEnd('\r'));
        _partialLine = lines[^1];
    }

    private void OnLine(string line)
    {
        var step = StepLine().Match(line);
        if (step.Success)
        {
            EndCurrentStep();
            _currentStep = step.Groups[3].Value;
            _stepStarted = clock.GetTimestamp();
        }
        var running = RunningInLine().Match(line);
        if (running.Success) RunningContainer = running.Groups[1].Value;
        if (line.Trim() == "---> Using cache") CachedSteps++;
        var success = SuccessLine().Match(line);
        if (success.Success && ImageId is null)
            ImageId = success.Groups[1].Value;
        WriteLine(line);
    }

    private void EndCurrentStep()
    {
        if (_currentStep is null) return;
        var duration = clock.GetElapsedTime(_stepStarted);
        _steps.Add(new BuildStep(_currentStep, duration));
        WriteLine($"[+{Stacks.Durations.Elapsed(duration)}] {_currentStep}");
        _currentStep = null;
    }

    private void WriteLine(string line) => log.WriteLine(line);
}
