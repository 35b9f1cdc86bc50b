namespace Cascade.Engine.Internal;

/// <summary>
/// A mistake by the person running or writing the build (unknown target, bad value, missing parameter,
/// cycle). Printed as its message alone, never with a stack trace.
/// </summary>
internal sealed class BuildUsageException(string message, int exitCode = ExitCodes.Failure) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}

internal static class ExitCodes
{
    public const int Success = 0;
    /// <summary>A target failed, a requirement was missing, or the build class threw.</summary>
    public const int Failure = 1;
    /// <summary>The command line could not be understood; nothing ran.</summary>
    public const int InvalidArguments = 2;
    // Ctrl-C and SIGTERM: 128 + the signal's number (see StopSignals).
}
