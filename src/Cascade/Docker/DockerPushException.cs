namespace Cascade.Docker;

/// <summary>A push the registry refused or that kept failing after retries. The message is the
/// registry's own, with any credential scrubbed out.</summary>
internal sealed class DockerPushException(string reference, string message, bool transient, Exception? inner = null)
    : Exception($"Pushing {reference} failed: {message}", inner)
{
    public string Reference { get; } = reference;

    /// <summary>True when the failure looked temporary (connection refused/reset, 5xx, timeout).</summary>
    public bool IsTransient { get; } = transient;
}
