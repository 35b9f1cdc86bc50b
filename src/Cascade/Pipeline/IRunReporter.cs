namespace Cascade.Pipeline;

/// <summary>
/// What a run tells its watcher. Called from several images' tasks at once: implementations are thread-safe.
/// <see cref="StageFinished"/> names the stage's log file so a CI reporter can fold it into a group.
/// </summary>
internal interface IRunReporter
{
    void RunStarting(IReadOnlyList<string> images);
    void StageStarted(string image, PipelineStage stage);
    void StageFinished(string image, PipelineStage stage, bool succeeded, string? logPath);
    void ImageFinished(ImageResult result);
    Task RunFinishedAsync(RunResult result);
}
