namespace Cascade.Pipeline;

/// <summary>What happened to one image in a run. <see cref="Stage"/> is the last stage that ran
/// (the failing one for a failure), null when nothing ran.</summary>
internal sealed record ImageResult
{
    public required string Name { get; init; }
    public required ImageStatus Status { get; init; }
    public PipelineStage? Stage { get; init; }
    public string? Reason { get; init; }

    /// <summary>The reference children and users should use: the sha tag when a commit is known, else the branch tag.</summary>
    public string? Reference { get; init; }

    /// <summary>The pushed manifest digest, when pushed.</summary>
    public string? Digest { get; init; }

    /// <summary>The local image id, when built (or found, for a continued or unchanged image).</summary>
    public string? ImageId { get; init; }

    public TimeSpan Duration { get; init; }

    /// <summary>--continue: the last stage this image had completed in a previous run, not done again in this one
    /// (null: whatever it did, it did in this run).</summary>
    public PipelineStage? DoneBefore { get; init; }

    /// <summary>The test stage's cases, when it ran in this run (null when it did not: build only, failed
    /// before, skipped, or continued from a previous run).</summary>
    public TestStageResult? Tests { get; init; }

    /// <summary>The first failing test case, for a reader who wants its last lines and its log.</summary>
    public TestCaseResult? FailedTest => Status == ImageStatus.Failed ? Tests?.FirstFailure : null;

    /// <summary>The image's content fingerprint ("sha256:…").</summary>
    public string? Fingerprint { get; init; }

    /// <summary>The test fingerprint ("sha256:…") whose tests this image passed: in this run, or before on the same
    /// digest as the registry records. Null when its tests did not run (build only, --skip Test, a failure).</summary>
    public string? TestFingerprint { get; init; }

    /// <summary>For one platform's image of a multi-platform image: that platform.</summary>
    public Stacks.Platform? Platform { get; init; }

    /// <summary>For a multi-platform image: each platform's result (its own reference, digest, stage and reason);
    /// <see cref="Digest"/> is then the index's.</summary>
    public IReadOnlyList<ImageResult> PlatformResults { get; init; } = [];

    public bool IsSuccess => Status.IsSuccess();

    /// <summary>It is there for children to build on: built, continued or reused in this run.</summary>
    public bool IsAvailable => Status.IsAvailable();
}

/// <summary>The outcome of a whole run, images in the stack's parents-first order.</summary>
internal sealed record RunResult(IReadOnlyList<ImageResult> Images, bool Cancelled)
{
    public bool Succeeded => !Cancelled && Images.All(i => i.IsSuccess);

    public ImageResult this[string name] => Images.First(i => i.Name == name);
}
