namespace Cascade.Pipeline;

/// <summary>How far each image goes in a run; each stage includes the ones before it.</summary>
internal enum PipelineStage { Build, Test, Push }

internal static class PipelineStageText
{
    public static string ToText(this PipelineStage stage) => stage switch
    {
        PipelineStage.Build => "build",
        PipelineStage.Test => "test",
        PipelineStage.Push => "push",
        _ => throw new ArgumentOutOfRangeException(nameof(stage)),
    };
}
