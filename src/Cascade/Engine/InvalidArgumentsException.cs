namespace Cascade.Engine;

/// <summary>
/// A command-line mistake the build itself finds (a name that is not there, a value out of range), thrown
/// from <see cref="NukeBuild.OnBuildCreated"/> before any target runs: the engine prints the message alone
/// and exits with 2, as it does for the mistakes it finds itself.
/// </summary>
public sealed class InvalidArgumentsException(string message) : Exception(message);
