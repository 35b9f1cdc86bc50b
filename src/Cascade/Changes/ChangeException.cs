namespace Cascade.Changes;

/// <summary>
/// A user error while finding changes or planning (unknown ref, not a git repository, unknown image,
/// bad change_ignore.json). The message says what is wrong and what to do; callers print it
/// without a stack trace.
/// </summary>
internal sealed class ChangeException(string message) : Exception(message);
