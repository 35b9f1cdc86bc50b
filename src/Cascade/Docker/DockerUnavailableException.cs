namespace Cascade.Docker;

/// <summary>The Docker daemon could not be reached: a user-facing error, printed without a stack trace.</summary>
internal sealed class DockerUnavailableException(string host, string reason, Exception? inner = null)
    : Exception($"Cannot reach the Docker daemon at {host}: {reason}. Is dockerd running? Set DOCKER_HOST to use another.", inner)
{
    public string Host { get; } = host;
}
