using Cascade.Stacks;

namespace Cascade.Pipeline;

/// <summary>
/// How far one image's pipeline has got: the stage it is at, the image it has (found or built), the digest it
/// pushed, its test cases, and the notes its result will give as the reason. Its <see cref="Result"/> is the
/// image's result at any point: finished, failed or cancelled.
/// </summary>
internal sealed class ImageProgress(ImageSpec image, RunContext run, TimeProvider clock)
{
    private readonly long started = clock.GetTimestamp();
    private string? note;

    public ImageSpec Image => image;
    public RunContext Run => run;

    /// <summary>The tags this run gives the image, computed once.</summary>
    public IReadOnlyList<string> Tags { get; } = run.Tags(image);

    /// <summary>`repository:fp-…`: the exact image of this content.</summary>
    public string FingerprintReference { get; } = run.FingerprintReference(image);

    public PipelineStage Stage { get; set; } = run.Options.FirstStage;
    public ExistingImage Existing { get; set; } = ExistingImage.None;
    public string? ImageId { get; set; }
    public string? Digest { get; set; }
    public TestStageResult? Tests { get; set; }

    /// <summary>The test fingerprint the image passed (now, or before this --continue), when it did.</summary>
    public string? PassedTests { get; set; }

    /// <summary>Whether the push records that its tests passed: they ran now, or before this --continue.</summary>
    public bool RecordsTests { get; set; }

    public void Note(string more) => note = note is null ? more : note + "; " + more;

    public ImageResult Succeeded(string? reason = null) => Result(Existing.Found ? ImageStatus.Reused : ImageStatus.Succeeded, reason);

    public ImageResult Failed(string reason) => Result(ImageStatus.Failed, reason);

    private ImageResult Result(ImageStatus status, string? reason)
    {
        reason ??= note;
        return new()
        {
            Name = image.Name, Status = status, Stage = Stage, Reason = reason is null ? null : run.Redactor.Redact(reason),
            Reference = run.ExactReference(image), Digest = Digest, ImageId = ImageId, Duration = clock.GetElapsedTime(started), Tests = Tests,
            Fingerprint = run.FingerprintOf(image).Value, TestFingerprint = PassedTests,
        };
    }
}
